#!/bin/bash
# The entrypoint of the Dispatch broker image (deploy/broker/Dockerfile), the same for Compose and Kubernetes. At every
# start, in the instance folder (/var/lib/artemis-instance, the image's working directory):
#   1. the instance: when there is none, the official image's docker-run.sh creates it (artemis create, with the
#      operators' login ARTEMIS_USER / ARTEMIS_PASSWORD in role amq, and EXTRA_ARGS), then runs a harmless command.
#      A kept instance (Compose's volume) is brought up to date by the steps below, so an older one gets them too;
#   2. its configuration: broker.xml from etc-override/ (the repository's k8s/base/broker/broker.xml, mounted there),
#      login.config from the image (the fixed logins, then the devices'), and in bootstrap.xml the security manager
#      DispatchSecurityManager (module broker-security, on the class path through the image's ARTEMIS_EXTRA_LIBS);
#   3. the fixed logins, each in the role of its own name (the roles broker.xml grants), with the password of this
#      start: the board's (consume only) and each service's own;
# then the broker runs. Devices log in with the credentials iot-ingest issued them: DeviceLoginModule asks iot-ingest
# at DISPATCH_BROKER_DEVICE_LOGINS_URL with the bearer token DISPATCH_BROKER_DEVICE_LOGINS_TOKEN.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
manager='<security-manager class-name="dev.dispatch.broker.security.DispatchSecurityManager"><property key="domain" value="activemq"/></security-manager>'

fail() {
  echo "dispatch broker: $*" >&2
  exit 1
}

users=()
passwords=()
# login USER VARIABLE: a fixed login, USER in the role USER, with the password in $VARIABLE. Checked before anything
# is made; written once the instance exists.
login() {
  local user="$1" variable="$2" password="${!2:-}"
  [ -n "$password" ] || fail "$variable is not set: the login $user needs a password"
  # A properties file's value: a backslash would be read as an escape, blanks at the ends would be dropped.
  local LC_ALL=C
  [[ "$password" =~ ^[[:graph:]]+$ && "$password" != *\\* ]] \
    || fail "$variable: the password of $user must be printable ASCII without blanks or backslashes"
  [ "$user" != "${ARTEMIS_USER:-}" ] \
    || fail "ARTEMIS_USER is $user, a fixed login of its own: give the operators' login another name"
  users+=("$user")
  passwords+=("$password")
}

login board DISPATCH_BROKER_BOARD_PASSWORD
login order-service DISPATCH_BROKER_ORDER_SERVICE_PASSWORD
login iot-ingest DISPATCH_BROKER_IOT_INGEST_PASSWORD
login notification-service DISPATCH_BROKER_NOTIFICATION_SERVICE_PASSWORD

if [ -z "${DISPATCH_BROKER_DEVICE_LOGINS_URL:-}" ] || [ -z "${DISPATCH_BROKER_DEVICE_LOGINS_TOKEN:-}" ]; then
  echo "dispatch broker: DISPATCH_BROKER_DEVICE_LOGINS_URL and DISPATCH_BROKER_DEVICE_LOGINS_TOKEN are not both set:" \
    "no device can log in" >&2
fi

if [ ! -f etc/broker.xml ]; then /docker-run.sh version >/dev/null || true; fi
[ -f etc/broker.xml ] || fail "no broker instance was created"

cp etc-override/broker.xml etc/broker.xml
cp "$here/login.config" etc/login.config
sed -E -i "s|<jaas-security[[:space:]]+domain=\"activemq\"[[:space:]]*/>|$manager|" etc/bootstrap.xml
grep -qF "$manager" etc/bootstrap.xml \
  || fail "etc/bootstrap.xml has no <jaas-security domain=\"activemq\"/> to replace with DispatchSecurityManager"

for i in "${!users[@]}"; do
  user="${users[$i]}"
  sed -i "/^${user}[[:space:]]*=/d" etc/artemis-users.properties etc/artemis-roles.properties
  printf '%s=%s\n' "$user" "${passwords[$i]}" >>etc/artemis-users.properties
  printf '%s=%s\n' "$user" "$user" >>etc/artemis-roles.properties
done

exec /docker-run.sh run
