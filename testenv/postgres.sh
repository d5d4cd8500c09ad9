#!/usr/bin/env bash
# Private PostgreSQL 15 cluster on 127.0.0.1:$PG_PORT under $DIR/pg.  Usage: postgres.sh start|stop
set -euo pipefail
# shellcheck source=testenv/common.sh
source "$(dirname "$0")/common.sh"

PGBIN=/usr/lib/postgresql/15/bin
G=$DIR/pg
DATA=$G/data

as_postgres() { runuser -u postgres -- "$@"; }

case ${1:-} in
  start)
    pid_alive "$DATA/postmaster.pid" && exit 0
    # The postgres user must own every path it writes (data, socket dir, log).
    install -d -m 0700 -o postgres -g postgres "$G" "$G/run"
    if [[ ! -s $DATA/PG_VERSION ]]; then
      printf '%s\n' "$PG_PASSWORD" > "$G/run/pwfile"
      chown postgres:postgres "$G/run/pwfile"
      as_postgres "$PGBIN/initdb" -D "$DATA" -U postgres -E UTF8 --locale=C.UTF-8 \
        --auth-local=trust --auth-host=scram-sha-256 --pwfile="$G/run/pwfile" >/dev/null
      rm -f "$G/run/pwfile"
    fi
    # Durability is pointless for throwaway test databases; speed is not.
    as_postgres "$PGBIN/pg_ctl" -D "$DATA" -l "$G/postgres.log" -w -t 30 start \
      -o "-p $PG_PORT -k $G/run -c listen_addresses=$IP_GOOD -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >/dev/null
    ;;
  stop)
    # postmaster.pid's first line is the postmaster's pid; SIGTERM would wait for clients
    # (smart shutdown), so use pg_ctl's fast mode, which disconnects them.
    pid_alive "$DATA/postmaster.pid" || exit 0
    as_postgres "$PGBIN/pg_ctl" -D "$DATA" -m fast -w -t 30 stop >/dev/null
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
