#!/usr/bin/env bash
# Installs the Debian packages the test environment needs, only if one is missing.
# The packages' own system services are not wanted (we run private instances), so a
# temporary policy-rc.d keeps their postinst scripts from starting them.
set -euo pipefail

PACKAGES=(dovecot-core dovecot-pop3d postfix postgresql chromium fetchmail swaks openssl)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg -s "$p" 2>/dev/null | grep -q '^Status: install ok installed' || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0
[[ $EUID -eq 0 ]] || { echo "install.sh: run as root to install: ${missing[*]}" >&2; exit 1; }

echo "[testenv] installing: ${missing[*]}" >&2
policy=/usr/sbin/policy-rc.d
if [[ ! -e $policy ]]; then
  printf '#!/bin/sh\n# temporary, from mailroom testenv/install.sh\nexit 101\n' > "$policy"
  chmod 0755 "$policy"
  trap 'rm -f "$policy"' EXIT
fi
export DEBIAN_FRONTEND=noninteractive
# Postfix asks how to configure itself; "No configuration" leaves /etc/postfix alone.
echo 'postfix postfix/main_mailer_type select No configuration' | debconf-set-selections
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >&2
