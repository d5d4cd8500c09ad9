#!/usr/bin/env bash
# Generates the throwaway test PKI into $DIR/certs (once; kept across restarts):
#   ca.crt           test CA (the only root the tests trust)
#   server.*         CA-signed, SAN localhost + 127.0.0.1-5
#   expired.*        CA-signed, same SAN, validity 2020-01-01..2020-01-02
#   wronghost.*      CA-signed, SAN DNS:wrong-host.example only
#   selfsigned.*     self-signed, same SAN as server
set -euo pipefail
# shellcheck source=testenv/common.sh
source "$(dirname "$0")/common.sh"

[[ -s $CERTS/selfsigned.crt ]] && exit 0   # already generated (written last)

SAN="DNS:localhost,IP:$IP_GOOD,IP:$IP_EXPIRED,IP:$IP_SELFSIGNED,IP:$IP_NOTLS"
install -d -m 0755 "$DIR"
tmp=$(mktemp -d "$DIR/certs.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"

newkey() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1.key" 2>/dev/null; }
csr() { openssl req -new -key "$1.key" -subj "/CN=$2" -out "$1.csr"; }

newkey ca
openssl req -x509 -key ca.key -days 3650 -subj "/CN=Mailroom Test CA" -out ca.crt \
  -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign

printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=%s\n' "$SAN" > good.ext
printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:wrong-host.example\n' > wrong.ext

newkey server; csr server localhost
openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 -extfile good.ext -out server.crt 2>/dev/null

newkey wronghost; csr wronghost wrong-host.example
openssl x509 -req -in wronghost.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 -extfile wrong.ext -out wronghost.crt 2>/dev/null

# OpenSSL 3.0's `x509 -req` cannot set notBefore; `openssl ca` can (-startdate/-enddate),
# so the expired certificate gets a properly past validity window, not an inverted one.
newkey expired; csr expired localhost
mkdir -p db && : > db/index.txt && echo 1000 > db/serial
cat > ca.cnf <<CNF
[ca]
default_ca = test
[test]
dir = $tmp
database = \$dir/db/index.txt
serial = \$dir/db/serial
new_certs_dir = \$dir/db
certificate = \$dir/ca.crt
private_key = \$dir/ca.key
default_md = sha256
policy = any
[any]
commonName = supplied
CNF
openssl ca -batch -notext -config ca.cnf -extfile good.ext -startdate 20200101000000Z -enddate 20200102000000Z \
  -in expired.csr -out expired.crt 2>/dev/null

newkey selfsigned
openssl req -x509 -key selfsigned.key -days 3650 -subj /CN=localhost -out selfsigned.crt \
  -addext "subjectAltName=$SAN" -addext extendedKeyUsage=serverAuth

chmod 0644 ./*.crt ./*.key   # Dovecot/Postfix read them as root; keys are throwaway test keys
mkdir -p "$CERTS"
mv ca.crt ca.key server.* expired.* wronghost.* "$CERTS/"
mv selfsigned.* "$CERTS/"     # last: its presence marks a complete set
rm -f "$CERTS"/*.csr
log "certificates generated in $CERTS"
