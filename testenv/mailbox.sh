#!/usr/bin/env bash
# Shell version of the mailbox-user contract in testenv/README.md (the C# fixture does the same).
#   mailbox.sh add USER@example.test PASSWORD    new user + empty maildir
#   mailbox.sh passwd USER@example.test PASSWORD change the password; returns once Dovecot sees it
#   mailbox.sh drop USER@example.test FILE...    put raw RFC 5322 messages into the maildir
set -euo pipefail
# shellcheck source=testenv/common.sh
source "$(dirname "$0")/common.sh"

USERS=$DIR/dovecot/users.d
cmd=${1:-} user=${2:-}
[[ $user =~ ^[a-z0-9][a-z0-9._+-]*@example\.test$ ]] || die "usage: $0 add|passwd|drop USER@$DOMAIN ..."
home=$DIR/mail/$user

# Write users.d/USER in one rename, so Dovecot never reads a half-written file.
write_user() {
  local tmp
  [[ $1 != *[:$'\n']* ]] || die "password must not contain ':' or a newline"
  tmp=$(mktemp "$USERS/.tmp.XXXXXX")
  printf '%s:{PLAIN}%s\n' "$user" "$1" > "$tmp"
  chmod 0644 "$tmp"
  printf '%s\n' "$tmp"
}

case $cmd in
  add)
    [[ ! -e $USERS/$user ]] || die "$user exists"
    mkdir -p "$home/cur" "$home/new" "$home/tmp"
    # Dovecot and dovecot-lda run as vmail: world-writable dirs spare the chown.
    chmod 0777 "$home" "$home/cur" "$home/new" "$home/tmp"
    tmp=$(write_user "${3:?password}")
    mv "$tmp" "$USERS/$user"
    ;;
  passwd)
    [[ -e $USERS/$user ]] || die "no such user: $user"
    tmp=$(write_user "${3:?password}")
    # Dovecot notices a change only by mtime (whole seconds) or size: make the mtime
    # differ from every earlier version of the file.
    touch -d "@$(( $(stat -c %Y "$USERS/$user") + 1 ))" "$tmp"
    mv "$tmp" "$USERS/$user"
    # ...and it stats the file at most once per second: wait for the next second.
    ms=$(( (1000000 - 10#${EPOCHREALTIME#*.}) / 1000 + 20 ))
    sleep "$((ms / 1000)).$(printf '%03d' $((ms % 1000)))"
    ;;
  drop)
    shift 2
    n=0
    for f in "$@"; do
      # Maildir delivery: write into tmp/, then rename into new/ (atomic for readers).
      name="${EPOCHSECONDS}.M${EPOCHREALTIME#*.}P$$Q$((n++)).testenv"
      cp "$f" "$home/tmp/$name"
      chmod 0644 "$home/tmp/$name"
      mv "$home/tmp/$name" "$home/new/$name"
    done
    ;;
  *) die "usage: $0 add|passwd|drop USER@$DOMAIN ..." ;;
esac
