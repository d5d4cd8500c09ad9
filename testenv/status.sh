#!/usr/bin/env bash
# Exit 0 if every test server runs (and testenv.env is there), 1 otherwise.
set -euo pipefail
# shellcheck source=testenv/common.sh
source "$(dirname "$0")/common.sh"

[[ -s $DIR/testenv.env ]] &&
  pid_alive "$DIR/pg/data/postmaster.pid" &&
  pid_alive "$DIR/dovecot/run/master.pid" &&
  pid_alive "$DIR/postfix/spool/pid/master.pid"
