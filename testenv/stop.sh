#!/usr/bin/env bash
# Stops the test servers, each by its own pid file. Idempotent. Keeps $DIR (delete it
# after stopping for a clean slate).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=testenv/common.sh
source "$HERE/common.sh"

[[ -d $DIR ]] || exit 0
exec 9>"$DIR/.lock"
flock 9
"$HERE/postfix.sh" stop
"$HERE/dovecot.sh" stop
"$HERE/postgres.sh" stop
rm -f "$DIR/testenv.env"
log "stopped"
