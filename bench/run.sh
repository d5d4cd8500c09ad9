#!/usr/bin/env bash
# The fetch benchmark: builds Release and runs bench/Mailroom.Bench against the testenv Dovecot (implicit TLS).
# Usage: bench/run.sh [sizes, default 2000,10000]
set -euo pipefail
cd "$(dirname "$0")/.."
testenv/status.sh || testenv/start.sh
dotnet build bench/Mailroom.Bench -c Release -v quiet -nologo
dotnet bench/Mailroom.Bench/bin/Release/net10.0/Mailroom.Bench.dll "${1:-2000,10000}"
