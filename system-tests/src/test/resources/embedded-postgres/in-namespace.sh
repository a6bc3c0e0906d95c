#!/usr/bin/env bash
# EmbeddedPostgresIT's steps inside `unshare -rn` (a user and network namespace with only loopback: no PostgreSQL
# answers, and nothing outside can reach in), so the checks run in here too. Results go to stdout as result.KEY=VALUE.
#   in-namespace.sh ROOT RUN_DIR place             bin/run; place an order as alice; wait until it is PAID; stop
#   in-namespace.sh ROOT RUN_DIR read ORDER_ID     bin/run again on the same data; read that order; stop
#   in-namespace.sh ROOT RUN_DIR test MAVEN_ARGS   bin/test MAVEN_ARGS (ROOT: a copy of the tree to build in)
set -euo pipefail
ip link set lo up
ROOT=$1 RUN_DIR=$2 STEP=$3
shift 3
# Whatever the test JVM's environment names, in here there is no server to name.
unset DISPATCH_DB_HOST DISPATCH_DB_PORT DISPATCH_TEST_DB_HOST DISPATCH_TEST_DB_PORT
export DISPATCH_RUN_DIR="$RUN_DIR"
mkdir -p "$RUN_DIR"
API=http://127.0.0.1:8080/api/orders
RUN_PID=""

start_run() { # $1: where its output goes
  # A temporary folder of this run's own, so the embedded PostgreSQL's binaries are unpacked afresh, as on a machine
  # that never ran it (unpacking needs more heap than running: bin/run's 64 MiB once failed only there).
  mkdir -p "$RUN_DIR/tmp"
  JAVA_TOOL_OPTIONS="-Djava.io.tmpdir=$RUN_DIR/tmp" "$ROOT/bin/run" >"$1" 2>&1 &
  RUN_PID=$!
  local deadline=$(( $(date +%s) + 300 ))
  until grep -q '^Dispatch is running' "$1"; do
    if ! kill -0 "$RUN_PID" 2>/dev/null || [ "$(date +%s)" -ge "$deadline" ]; then
      echo "result.ready=false"
      stop_run
      exit 1
    fi
    sleep 1
  done
  echo "result.ready=true"
}

stop_run() {
  kill -TERM "$RUN_PID" 2>/dev/null || true
  local status=0
  wait "$RUN_PID" || status=$?
  echo "result.stopped=$status"
}

order_status() { # $1: order id, $2: token
  curl -s -H "Authorization: Bearer $2" "$API/$1" | grep -o '"status":"[^"]*"' | head -n 1 | cut -d'"' -f4
}

case "$STEP" in
  place)
    start_run "$RUN_DIR/../run-place.out"
    ALICE=$("$ROOT/bin/token" customer alice)
    code=$(curl -s -o "$RUN_DIR/../order.json" -w '%{http_code}' -H "Authorization: Bearer $ALICE" \
      -H 'Content-Type: application/json' -H "Idempotency-Key: embedded-postgres-$$" \
      -d '{"items":[{"sku":"COOLER-01","name":"Cooler","quantity":2,"unitPriceMinor":1250}],"currency":"EUR",
           "deliveryAddress":{"street":"Invalidenstrasse 116","city":"Berlin","postalCode":"10115","country":"DE",
                              "latitude":52.5321,"longitude":13.3849},"paymentToken":"tok_approve"}' "$API")
    echo "result.http=$code"
    id=$(grep -o '"id":"[^"]*"' "$RUN_DIR/../order.json" | head -n 1 | cut -d'"' -f4)
    echo "result.order=$id"
    status=""
    for _ in $(seq 1 60); do
      status=$(order_status "$id" "$ALICE")
      [ "$status" = PAID ] && break
      sleep 0.5
    done
    echo "result.status=$status"
    stop_run
    ;;
  read)
    start_run "$RUN_DIR/../run-read.out"
    echo "result.status=$(order_status "$1" "$("$ROOT/bin/token" customer alice)")"
    stop_run
    ;;
  test)
    status=0
    (cd "$ROOT" && bin/test "$@") || status=$?
    echo "result.test=$status"
    ;;
  *)
    echo "unknown step $STEP" >&2
    exit 2
    ;;
esac
