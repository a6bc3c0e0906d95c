#!/usr/bin/env bash
# Makes, once per machine, what the deployments need and the repository never holds:
#   - the JWT signing key pair in .dispatch/jwt (the same one bin/run makes and bin/token signs with), whose
#     public half docker-compose.yml mounts into gateway and notification-service;
#   - for the kind overlay, k8s/overlays/kind/secrets/: random passwords for PostgreSQL and the broker, and a
#     copy of the JWT public key (kustomize reads files only from inside the overlay).
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

new_password "$KIND_SECRETS/db-password"
new_password "$KIND_SECRETS/broker-password"
cp "$RUN_DIR/jwt/public.pem" "$KIND_SECRETS/jwt-public.pem"
echo "JWT key pair in $RUN_DIR/jwt; bin/token signs tokens that the deployed services accept."
