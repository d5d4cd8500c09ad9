#!/usr/bin/env bash
# Crash safety at full strength: SIGKILL the real app process at random moments while it fetches a
# 2,000-message mailbox with delete-after-retrieval on, restart it, repeat; then count lost and duplicated messages.
# Usage: bench/crash.sh [rounds, default 25]   (the CI suite runs the same test with 10 rounds)
set -euo pipefail
cd "$(dirname "$0")/.."
testenv/status.sh || testenv/start.sh
export MAILROOM_CRASH_ROUNDS=${1:-25}
dotnet build tests/Mailroom.IntegrationTests -v quiet -nologo
dotnet test tests/Mailroom.IntegrationTests --no-build --filter "FullyQualifiedName~CrashSafetyTests" \
  --logger "console;verbosity=detailed" | grep -E "^ *(kill [0-9]+|Crash safety)|Passed!|Failed!"
