#!/usr/bin/env bash
# production-topology.sh — the production topology as separate processes on this machine.
#
# Usage:
#   scripts/production-topology.sh            # against Mosquitto 127.0.0.1:1883 and Redis 127.0.0.1:6379
#   MQTT_URL=mqtt://host:1883 REDIS_URL=redis://host:6379 scripts/production-topology.sh
#   Ctrl-C stops every process (SIGTERM to each, in reverse order).
#
# Starts, each as its own `its` process (logs in $DATA_DIR/logs/):
#   - the scenario's signal controllers (`its controller`): OPC UA on $OPCUA_PORT, SPaT over MQTT;
#   - the simulator live on the demo city (`its demo --only sim`), publishing device messages;
#   - one edge per region (`its edge`): field MQTT in, OPC UA commands to the controllers,
#     SQLite store-and-forward uplink;
#   - two center instances (`its center`) sharing one Redis (MQTT 5 shared subscription on
#     Mosquitto splits the uplinks between them), on HTTP ports $CENTER_PORTS; the first runs the
#     clearing house ($DATA_DIR/clearing.sqlite), the others --no-clearing-house (the settlement
#     subscription is shared too, so two clearing houses would each hold part of the money).
#
# Environment (defaults): SCENARIO (scenarios/demo-city), MQTT_URL (mqtt://127.0.0.1:1883),
# REDIS_URL (redis://127.0.0.1:6379), OPCUA_PORT (4841), CENTER_PORTS ("8081 8082"),
# STRATEGY (scats), SPEED (1), DATA_DIR (.its-data/topology). The OPC UA operator password and
# the API tokens are generated into $DATA_DIR/secrets.env (mode 0600) at first start and passed to
# the processes through the environment, never on a command line; the script does not print them.
# A separate process whose port is taken refuses and names the option to change.
set -euo pipefail

cd "$(dirname "$0")/.."
SCENARIO=${SCENARIO:-scenarios/demo-city}
MQTT_URL=${MQTT_URL:-mqtt://127.0.0.1:1883}
REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379}
OPCUA_PORT=${OPCUA_PORT:-4841}
CENTER_PORTS=${CENTER_PORTS:-"8081 8082"}
STRATEGY=${STRATEGY:-scats}
SPEED=${SPEED:-1}
DATA_DIR=${DATA_DIR:-.its-data/topology}
LOGS="$DATA_DIR/logs"

mkdir -p "$LOGS"
chmod 700 "$DATA_DIR"
SECRETS="$DATA_DIR/secrets.env"
if [[ ! -f "$SECRETS" ]]; then
  umask 077
  node -e '
    const r = () => require("node:crypto").randomBytes(24).toString("base64url");
    console.log(`OPCUA_OPERATOR_PASSWORD=${r()}`);
    console.log(`API_ADMIN_TOKEN=${r()}`);
    console.log(`API_OPERATOR_TOKEN=${r()}`);
  ' >"$SECRETS"
  umask 022
fi
# shellcheck disable=SC1090
source "$SECRETS"

REGIONS=$(node -e '
  const s = JSON.parse(require("node:fs").readFileSync(process.argv[1] + "/scenario.json", "utf8"));
  console.log(s.regions.map((r) => r.id).join(" "));
' "$SCENARIO")

PIDS=()
NAMES=()
stop_all() {
  trap - INT TERM EXIT
  echo "stopping ${#PIDS[@]} process(es)"
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    kill -TERM "${PIDS[$i]}" 2>/dev/null || true
  done
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    wait "${PIDS[$i]}" 2>/dev/null || true
    echo "  stopped ${NAMES[$i]}"
  done
}
trap stop_all INT TERM EXIT

# start NAME CMD...: run an its process in the background, its output in $LOGS/NAME.log
start() {
  local name=$1
  shift
  "$@" >"$LOGS/$name.log" 2>&1 &
  PIDS+=($!)
  NAMES+=("$name")
}

# wait_for NAME PATTERN: until the process's log shows PATTERN (60 s), or fail if it died
wait_for() {
  local name=$1 pattern=$2 pid=${PIDS[-1]}
  for _ in $(seq 1 600); do
    if grep -q -- "$pattern" "$LOGS/$name.log" 2>/dev/null; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "$name exited; its log:" >&2
      tail -20 "$LOGS/$name.log" >&2
      exit 1
    fi
    sleep 0.1
  done
  echo "$name not ready after 60 s; see $LOGS/$name.log" >&2
  exit 1
}

ITS="node bin/its.mjs"

# OPC UA certificates: the controllers trust only the edges' (and the edges have the controllers').
[ -d "$DATA_DIR/pki/controller" ] || $ITS pki opcua --out "$DATA_DIR/pki" >/dev/null

ITS_OPCUA_USERS="edge-operator:$OPCUA_OPERATOR_PASSWORD:operator" start controllers \
  $ITS controller --scenario "$SCENARIO" --opcua-port "$OPCUA_PORT" --mqtt "$MQTT_URL" \
  --pki "$DATA_DIR/pki/controller"
wait_for controllers '^ready'
OPCUA_ENDPOINT=$(grep -m1 '^opcua ' "$LOGS/controllers.log" | cut -d' ' -f2)

export ITS_API_TOKENS="topology-admin:admin:$API_ADMIN_TOKEN,topology-operator:operator:$API_OPERATOR_TOKEN"
CLEARING=(--clearing "$DATA_DIR/clearing.sqlite")
for port in $CENTER_PORTS; do
  start "center-$port" $ITS center --scenario "$SCENARIO" --mqtt "$MQTT_URL" --redis "$REDIS_URL" \
    --redis-prefix its-topology --http-port "$port" --audit-file "$DATA_DIR/audit-$port.jsonl" "${CLEARING[@]}"
  wait_for "center-$port" "its center: http"
  CLEARING=(--no-clearing-house)
done
unset ITS_API_TOKENS

for region in $REGIONS; do
  ITS_EDGE_OPCUA_USER="edge-operator:$OPCUA_OPERATOR_PASSWORD" start "edge-$region" \
    $ITS edge --scenario "$SCENARIO" --region "$region" --mqtt "$MQTT_URL" --strategy "$STRATEGY" --tsp \
    --opcua "$OPCUA_ENDPOINT" --db "$DATA_DIR/edge-$region.sqlite" --pki "$DATA_DIR/pki/edge"
  wait_for "edge-$region" '^ready'
done

start sim $ITS demo --only sim --mqtt "$MQTT_URL" --scenario "$SCENARIO" --speed "$SPEED"
wait_for sim '^ready'

echo "production topology running (logs in $LOGS, secrets in $SECRETS):"
echo "  MQTT     $MQTT_URL"
echo "  Redis    $REDIS_URL (prefix its-topology)"
echo "  OPC UA   $OPCUA_ENDPOINT"
for port in $CENTER_PORTS; do echo "  center   http://127.0.0.1:$port/ (control room), /api/v1/, /healthz"; done
echo "  clearing http://127.0.0.1:${CENTER_PORTS%% *}/api/v1/clearing/days (first center; $DATA_DIR/clearing.sqlite)"
echo "  edges    $REGIONS"
echo "Ctrl-C stops everything."
wait -n "${PIDS[@]}" || true
echo "a process exited; see $LOGS" >&2
