#!/usr/bin/env bash
# Starts the test servers (PostgreSQL, Dovecot, Postfix) on 127.0.0.0/8 and writes
# $DIR/testenv.env for the tests. Idempotent: whatever already runs is left alone.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=testenv/common.sh
source "$HERE/common.sh"

[[ $EUID -eq 0 ]] || die "run as root (the servers drop privileges themselves)"
for cmd in /usr/sbin/dovecot /usr/lib/dovecot/dovecot-lda /usr/sbin/postfix /usr/lib/postgresql/15/bin/pg_ctl openssl script runuser; do
  command -v "$cmd" >/dev/null || die "$cmd is missing: run testenv/install.sh"
done

install -d -m 0755 "$DIR"
exec 9>"$DIR/.lock"      # serialise concurrent start/stop calls
flock 9

id vmail >/dev/null 2>&1 ||
  useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin vmail
install -d -m 0755 -o vmail -g vmail "$DIR/mail"

# step NAME CMD...: run one start step and log how long it took.
step() {
  local t0=${EPOCHREALTIME/./} ms
  "${@:2}" 9>&-   # the daemons must not inherit the lock, or it stays held while they run
  ms=$(( (${EPOCHREALTIME/./} - t0) / 1000 ))
  log "$1 ready ($ms ms)"
}
step certs "$HERE/certs.sh"
step postgres "$HERE/postgres.sh" start
step dovecot "$HERE/dovecot.sh" start   # before Postfix: Postfix authenticates through Dovecot's socket
step postfix "$HERE/postfix.sh" start

# KEY=VALUE lines, read literally (not shell syntax: values are not quoted).
cat > "$DIR/testenv.env.tmp" <<ENV
MAILROOM_TESTENV_DIR=$DIR
MAILROOM_TESTENV_CA_CERT=$CERTS/ca.crt
MAILROOM_TESTENV_DOMAIN=$DOMAIN
MAILROOM_TESTENV_USERS_DIR=$DIR/dovecot/users.d
MAILROOM_TESTENV_MAIL_ROOT=$DIR/mail
MAILROOM_TESTENV_VMAIL_UID=$(id -u vmail)
MAILROOM_TESTENV_VMAIL_GID=$(id -g vmail)
MAILROOM_TESTENV_IP_GOOD=$IP_GOOD
MAILROOM_TESTENV_IP_EXPIRED=$IP_EXPIRED
MAILROOM_TESTENV_IP_WRONGHOST=$IP_WRONGHOST
MAILROOM_TESTENV_IP_SELFSIGNED=$IP_SELFSIGNED
MAILROOM_TESTENV_IP_NOTLS=$IP_NOTLS
MAILROOM_TESTENV_POP3_PORT=$POP3_PORT
MAILROOM_TESTENV_POP3S_PORT=$POP3S_PORT
MAILROOM_TESTENV_SUBMISSION_PORT=$SUBMISSION_PORT
MAILROOM_TESTENV_SMTPS_PORT=$SMTPS_PORT
MAILROOM_TESTENV_PG_HOST=$IP_GOOD
MAILROOM_TESTENV_PG_PORT=$PG_PORT
MAILROOM_TESTENV_PG_USER=postgres
MAILROOM_TESTENV_PG_PASSWORD=$PG_PASSWORD
MAILROOM_TESTENV_PG_CONNECTION=Host=$IP_GOOD;Port=$PG_PORT;Username=postgres;Password=$PG_PASSWORD
MAILROOM_TESTENV_POSTFIX_MAILLOG=$DIR/postfix/maillog
MAILROOM_TESTENV_DOVECOT_LOG=$DIR/dovecot/dovecot.log
MAILROOM_TESTENV_CHROMIUM=$(command -v chromium || true)
ENV
mv "$DIR/testenv.env.tmp" "$DIR/testenv.env"
log "running; settings in $DIR/testenv.env"
