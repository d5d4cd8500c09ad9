#!/usr/bin/env bash
# The fetch benchmark: builds Release (app and bench) and runs bench/Mailroom.Bench against the testenv Dovecot (implicit TLS).
# Usage: bench/run.sh [sizes, default 2000,10000] [--repeat 3] [--providers sqlite,postgres]
set -euo pipefail
cd "$(dirname "$0")/.."
testenv/status.sh || testenv/start.sh
# The peers it is measured against, from Debian.
command -v mpop >/dev/null && command -v fetchmail >/dev/null || { apt-get update -qq && apt-get install -y -qq mpop fetchmail; }
dotnet build src/Mailroom.Web -c Release -v quiet -nologo
dotnet build bench/Mailroom.Bench -c Release -v quiet -nologo
dotnet bench/Mailroom.Bench/bin/Release/net10.0/Mailroom.Bench.dll "$@"
