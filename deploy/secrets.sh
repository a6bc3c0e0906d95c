#!/usr/bin/env bash
# Makes, once per machine, what the deployments need and the repository never holds:
#   - the JWT signing key pair in .dispatch/jwt (the same one bin/run makes and bin/token signs with), whose
#     public half docker-compose.yml mounts into gateway and notification-service;
#   - for docker-compose.yml, .dispatch/compose/iot-ingest.env: iot-ingest's CoAP credential key (the key that
#     encrypts the sensors' pre-shared keys at rest), as DISPATCH_COAP_CREDENTIAL_KEY;
#   - for the kind overlay, k8s/overlays/kind/secrets/: random passwords for PostgreSQL, the broker, the broker's
#     board user (the web dispatch board's consume-only login) and the XMPP bot,
#     the XMPP presence component's secret, coturn's shared secret (TURN credentials), iot-ingest's
#     CoAP credential key (another one), and a copy of the JWT public key (kustomize reads files only from inside
#     the overlay).
# Existing files are kept, so running it again changes nothing. Delete them to make new ones.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUN_DIR="${DISPATCH_RUN_DIR:-$ROOT/.dispatch}"
KIND_SECRETS="$ROOT/k8s/overlays/kind/secrets"

java "$ROOT/bin/lib/LocalJwt.java" keygen "$RUN_DIR/jwt"

mkdir -p "$KIND_SECRETS"
umask 077

# 32 letters and digits: safe in a JDBC URL, a properties file and a shell alike.
new_password() {
  local file="$1"
  if [ ! -s "$file" ]; then
    head -c 1024 /dev/urandom | LC_ALL=C tr -dc 'A-Za-z0-9' | head -c 32 >"$file"
    echo "made $file"
  fi
}

# iot-ingest's CoAP credential key: base64 of 32 random bytes, no newline (LocalCoap keeps an existing one). Losing
# it means provisioning every sensor again; replacing it too.
new_key() {
  local file="$1"
  if [ ! -s "$file" ]; then
    java "$ROOT/bin/lib/LocalCoap.java" key "$file" >/dev/null
    echo "made $file"
  fi
}

new_password "$KIND_SECRETS/db-password"
new_password "$KIND_SECRETS/broker-password"
new_password "$KIND_SECRETS/broker-board-password"
new_key "$KIND_SECRETS/coap-credential-key"
new_password "$KIND_SECRETS/xmpp-bot-password"
new_password "$KIND_SECRETS/xmpp-component-secret"
new_password "$KIND_SECRETS/turn-secret"

# An env_file of docker-compose.yml, NAME=<the content of VALUE_FILE>: new_env_file FILE NAME VALUE_FILE
# (deploy-tests reads these lines to check that every env_file of the compose file is made here).
new_env_file() {
  local file="$1" name="$2" value_file="$3"
  if [ ! -s "$file" ]; then
    mkdir -p "$(dirname "$file")"
    printf '%s=%s\n' "$name" "$(cat "$value_file")" >"$file"
    echo "made $file"
  fi
}

new_key "$RUN_DIR/compose/coap-credential-key"
new_env_file "$RUN_DIR/compose/iot-ingest.env" DISPATCH_COAP_CREDENTIAL_KEY "$RUN_DIR/compose/coap-credential-key"
cp "$RUN_DIR/jwt/public.pem" "$KIND_SECRETS/jwt-public.pem"
echo "JWT key pair in $RUN_DIR/jwt; bin/token signs tokens that the deployed services accept."
