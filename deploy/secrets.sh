#!/usr/bin/env bash
# Makes, once per machine, what the deployments need and the repository never holds:
#   - the JWT signing key pair in .dispatch/jwt (the same one bin/run makes and bin/token signs with), whose
#     public half docker-compose.yml mounts into gateway and notification-service;
#   - the internal signing key pairs in .dispatch/internal/gateway and .dispatch/internal/order-service: the two
#     services that mint the short-lived internal tokens the gRPC servers check (each signs with its own private key;
#     the servers get both public keys), mounted by docker-compose.yml and copied for the kind overlay;
#   - for docker-compose.yml, .dispatch/compose/iot-ingest.env: iot-ingest's CoAP credential key (the key that
#     encrypts the sensors' pre-shared keys at rest), as DISPATCH_COAP_CREDENTIAL_KEY, and the broker's device-login
#     token (the bearer token with which the broker asks iot-ingest about a device's login), as
#     DISPATCH_IOT_BROKER_AUTH_TOKEN; the same token in .dispatch/compose/broker.env, as DISPATCH_BROKER_DEVICE_LOGINS_TOKEN;
#   - for the kind overlay, gRPC over TLS between the services: a CA (its key stays in .dispatch/grpc-ca) and, signed
#     by it, a certificate per gRPC server for its Service names, in a PKCS12 key store (grpc-tls-<service>.p12,
#     password grpc-tls-password); the CA's certificate (grpc-ca.crt) is what the callers trust. Made with the
#     JDK's keytool, no openssl. In production cert-manager issues them instead (deploy/README.md).
#   - for the kind overlay, k8s/overlays/kind/secrets/: random passwords for PostgreSQL, the broker's logins (the
#     operators', the board's consume-only one, and each service's own: order-service, iot-ingest,
#     notification-service) and the XMPP bot, the broker's device-login token (another one), the XMPP presence
#     component's secret, coturn's shared secret (TURN credentials), iot-ingest's CoAP credential key (another one), and
#     copies of the JWT public key and of the internal key pairs (kustomize reads files only from inside the overlay).
# Existing files are kept, so running it again changes nothing. Delete them to make new ones (a new CA, or a new key
# store password, makes every server certificate anew).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUN_DIR="${DISPATCH_RUN_DIR:-$ROOT/.dispatch}"
# DISPATCH_KIND_SECRETS: another folder for the overlay's files (deploy-tests runs the script into a temporary one).
KIND_SECRETS="${DISPATCH_KIND_SECRETS:-$ROOT/k8s/overlays/kind/secrets}"
# The namespace of k8s/base/kustomization.yaml: the certificates name the Services in it.
NAMESPACE=dispatch
# The gRPC servers: each serves gRPC over TLS on its HTTP server's TLS port in Kubernetes.
GRPC_SERVERS="order-service payment-service notification-service iot-ingest"

java "$ROOT/bin/lib/LocalJwt.java" keygen "$RUN_DIR/jwt"
# The issuers of internal tokens. Their folder is the user's alone; the private key file itself is readable, because
# Compose bind-mounts the file (not the folder) into a container that runs as user 185.
for issuer in gateway order-service; do
  java "$ROOT/bin/lib/LocalJwt.java" keygen "$RUN_DIR/internal/$issuer"
done
chmod 700 "$RUN_DIR/internal"
chmod 644 "$RUN_DIR/internal/gateway/private.pem" "$RUN_DIR/internal/order-service/private.pem"

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
# Each service's own broker login (the user and role of its name), and the token of the broker's device-login questions.
for service in order-service iot-ingest notification-service; do
  new_password "$KIND_SECRETS/broker-$service-password"
done
new_password "$KIND_SECRETS/broker-device-logins-token"
new_key "$KIND_SECRETS/coap-credential-key"
new_password "$KIND_SECRETS/xmpp-bot-password"
new_password "$KIND_SECRETS/xmpp-component-secret"
new_password "$KIND_SECRETS/turn-secret"

# A line of an env_file of docker-compose.yml, NAME=<the content of VALUE_FILE>: new_env_file FILE NAME VALUE_FILE adds it
# unless FILE has NAME already (so a file made by an older version of this script gets the variables added since).
# deploy-tests reads these lines to check that every env_file of the compose file is made here, with which variables,
# and which two variables hold the same value.
new_env_file() {
  local file="$1" name="$2" value_file="$3"
  if ! grep -q "^$name=" "$file" 2>/dev/null; then
    mkdir -p "$(dirname "$file")"
    printf '%s=%s\n' "$name" "$(cat "$value_file")" >>"$file"
    echo "added $name to $file"
  fi
}

mkdir -p "$RUN_DIR/compose"
new_key "$RUN_DIR/compose/coap-credential-key"
new_password "$RUN_DIR/compose/broker-device-logins-token"
new_env_file "$RUN_DIR/compose/iot-ingest.env" DISPATCH_COAP_CREDENTIAL_KEY "$RUN_DIR/compose/coap-credential-key"
new_env_file "$RUN_DIR/compose/iot-ingest.env" DISPATCH_IOT_BROKER_AUTH_TOKEN "$RUN_DIR/compose/broker-device-logins-token"
new_env_file "$RUN_DIR/compose/broker.env" DISPATCH_BROKER_DEVICE_LOGINS_TOKEN "$RUN_DIR/compose/broker-device-logins-token"
cp "$RUN_DIR/jwt/public.pem" "$KIND_SECRETS/jwt-public.pem"
for issuer in gateway order-service; do
  cp "$RUN_DIR/internal/$issuer/private.pem" "$KIND_SECRETS/internal-$issuer-private.pem"
  cp "$RUN_DIR/internal/$issuer/public.pem" "$KIND_SECRETS/internal-$issuer-public.pem"
done

# gRPC over TLS (kind): the CA, then a key store per server: new_grpc_cert SERVICE. keytool signs a request of the
# server's key with the CA's, for the names callers dial (service, service.namespace.svc and the cluster's full name).
new_password "$KIND_SECRETS/grpc-tls-password"
CA_DIR="$RUN_DIR/grpc-ca"
mkdir -p "$CA_DIR"
new_password "$CA_DIR/password"
renew_all=false
if [ ! -s "$CA_DIR/ca.p12" ] || [ "$CA_DIR/password" -nt "$CA_DIR/ca.p12" ]; then
  rm -f "$CA_DIR/ca.p12"
  keytool -genkeypair -keystore "$CA_DIR/ca.p12" -storetype PKCS12 -storepass:file "$CA_DIR/password" -alias ca \
    -keyalg EC -groupname secp256r1 -dname "CN=Dispatch internal CA" -ext bc:c -validity 3650 2>/dev/null
  echo "made $CA_DIR/ca.p12"
  renew_all=true
fi
keytool -exportcert -rfc -keystore "$CA_DIR/ca.p12" -storepass:file "$CA_DIR/password" -alias ca \
  -file "$KIND_SECRETS/grpc-ca.crt" 2>/dev/null

new_grpc_cert() {
  local service="$1" store="$KIND_SECRETS/grpc-tls-$1.p12" work
  if [ -s "$store" ] && [ "$renew_all" = false ] && [ "$store" -nt "$KIND_SECRETS/grpc-tls-password" ]; then
    return
  fi
  work="$(mktemp -d)"
  keytool -genkeypair -keystore "$work/server.p12" -storetype PKCS12 -storepass:file "$KIND_SECRETS/grpc-tls-password" \
    -alias server -keyalg EC -groupname secp256r1 -dname "CN=$service" -validity 825 2>/dev/null
  keytool -certreq -keystore "$work/server.p12" -storepass:file "$KIND_SECRETS/grpc-tls-password" -alias server \
    -file "$work/server.csr" 2>/dev/null
  keytool -gencert -keystore "$CA_DIR/ca.p12" -storepass:file "$CA_DIR/password" -alias ca -infile "$work/server.csr" \
    -outfile "$work/server.crt" -rfc -validity 825 -ext KU:c=digitalSignature -ext EKU=serverAuth \
    -ext "SAN=dns:$service,dns:$service.$NAMESPACE.svc,dns:$service.$NAMESPACE.svc.cluster.local" 2>/dev/null
  # The reply's chain ends at the CA: trust it for the import, then leave only the server's key entry.
  keytool -importcert -noprompt -keystore "$work/server.p12" -storepass:file "$KIND_SECRETS/grpc-tls-password" -alias ca \
    -file "$KIND_SECRETS/grpc-ca.crt" >/dev/null 2>&1
  keytool -importcert -noprompt -keystore "$work/server.p12" -storepass:file "$KIND_SECRETS/grpc-tls-password" -alias server \
    -file "$work/server.crt" >/dev/null 2>&1
  keytool -delete -keystore "$work/server.p12" -storepass:file "$KIND_SECRETS/grpc-tls-password" -alias ca 2>/dev/null
  mv "$work/server.p12" "$store"
  rm -rf "$work"
  echo "made $store"
}

for service in $GRPC_SERVERS; do
  new_grpc_cert "$service"
done
echo "JWT key pair in $RUN_DIR/jwt; bin/token signs tokens that the deployed services accept."
