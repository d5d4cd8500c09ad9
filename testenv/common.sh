# shellcheck shell=bash disable=SC2034  # the variables are used by the scripts that source this
# Shared settings for the testenv scripts. Sourced, never executed.

DIR=${MAILROOM_TESTENV_DIR:-/tmp/mailroom-testenv}
CERTS=$DIR/certs
DOMAIN=example.test

# Every listener is on 127.0.0.0/8. 127.0.0.1 serves the CA-signed certificate; the
# other addresses each serve one bad certificate (or no TLS at all), on the same ports.
IP_GOOD=127.0.0.1
IP_EXPIRED=127.0.0.2
IP_WRONGHOST=127.0.0.3
IP_SELFSIGNED=127.0.0.4
IP_NOTLS=127.0.0.5
POP3_PORT=22110        # plain POP3 (+STLS where TLS is on)
POP3S_PORT=22995       # implicit TLS
SUBMISSION_PORT=22587  # SMTP submission (+STARTTLS where TLS is on)
SMTPS_PORT=22465       # implicit TLS
PG_PORT=22432
PG_PASSWORD=pgpass

log() { printf '[testenv] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# pid_alive PIDFILE: true if the file names a live process.
pid_alive() {
  local pid
  [[ -s $1 ]] || return 1
  read -r pid < "$1" || return 1
  [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null
}

# stop_pidfile PIDFILE NAME: SIGTERM the pid in the file, wait up to 15 s for it to exit.
stop_pidfile() {
  local pid i
  pid_alive "$1" || return 0
  read -r pid < "$1"
  kill "$pid" 2>/dev/null || true
  for ((i = 0; i < 150; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  die "$2 (pid $pid) did not exit within 15 s"
}

# wait_port IP PORT: wait up to 10 s until a TCP connect succeeds.
wait_port() {
  local i
  for ((i = 0; i < 100; i++)); do
    (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null && return 0
    sleep 0.1
  done
  die "nothing listens on $1:$2"
}
