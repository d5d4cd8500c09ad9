#!/usr/bin/env bash
# The one command that runs the whole test suite on a fresh Debian machine, as root:
# installs missing Debian packages, starts the test servers (testenv/), builds, runs every
# test project and ends with one line "N passed, N failed, N skipped".
# Exit status is non-zero if the build or any test failed.
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export MAILROOM_TESTENV_DIR=${MAILROOM_TESTENV_DIR:-/tmp/mailroom-testenv}
export MAILROOM_TESTENV_FILE=$MAILROOM_TESTENV_DIR/testenv.env
OUT=test-output
mkdir -p "$OUT"

# Whatever happens, the last line printed is the summary, after the servers are stopped.
SUMMARY="0 passed, 0 failed, 0 skipped"
started_testenv=false
on_exit() {
  local rc=$?
  if $started_testenv; then testenv/stop.sh || true; fi
  echo "$SUMMARY"
  exit "$rc"
}
trap on_exit EXIT

testenv/install.sh
command -v dotnet >/dev/null || { echo "dotnet (the .NET 10 SDK) is not installed" >&2; exit 1; }

# Stop the servers at the end only if this run started them: a developer's (or another
# suite's) running environment is left alone.
testenv/status.sh || started_testenv=true
testenv/start.sh

# The tests read testenv.env themselves; exporting it too helps anything else they start.
while IFS='=' read -r key value; do
  [[ $key =~ ^[A-Z_][A-Z0-9_]*$ ]] && export "$key=$value"
done < "$MAILROOM_TESTENV_FILE"

if ! dotnet restore Mailroom.slnx || ! dotnet build Mailroom.slnx --no-restore -c Debug; then
  echo "build failed" >&2
  exit 1
fi

status=0
dotnet test Mailroom.slnx --no-build -c Debug --results-directory "$OUT" \
  --logger "console;verbosity=normal" --logger "trx;LogFilePrefix=results" 2>&1 | tee "$OUT/test.log" || status=$?

# One VSTest summary per test project. With the console logger at normal verbosity:
#   "Total tests: 76" then "     Passed: 75", "     Failed: 1", "    Skipped: 0" (zero lines may be left out);
# at minimal verbosity the one-liner "Passed!  - Failed: 0, Passed: 76, Skipped: 0, ...".
read -r passed failed skipped projects < <(awk '
  /^(Passed|Failed)! +- Failed: +[0-9]+, +Passed: +[0-9]+/ {
    line = $0; gsub(/,/, "", line); n = split(line, w, / +/)
    for (i = 1; i < n; i++) {
      if (w[i] == "Failed:") f += w[i+1]; if (w[i] == "Passed:") p += w[i+1]; if (w[i] == "Skipped:") s += w[i+1]
    }
    r++
  }
  /^Total tests: +[0-9]+ *$/ { r++ }
  /^ *Passed: +[0-9]+ *$/  { p += $2 }
  /^ *Failed: +[0-9]+ *$/  { f += $2 }
  /^ *Skipped: +[0-9]+ *$/ { s += $2 }
  END { printf "%d %d %d %d\n", p, f, s, r }' "$OUT/test.log")
SUMMARY="$passed passed, $failed failed, $skipped skipped"

if (( status != 0 && failed == 0 )); then
  echo "dotnet test exited with $status but no test failed ($projects test projects reported): crash or abort? see $OUT/test.log" >&2
fi
(( status == 0 && failed == 0 ))
