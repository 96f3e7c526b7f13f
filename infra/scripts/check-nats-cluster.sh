#!/usr/bin/env bash
# Runs the production 3-node cluster configs (infra/nats/nats-{1,2,3}.conf) for real on this
# machine, on loopback with shifted ports instead of the hosts nats-1..3, and checks that the nodes
# route to each other, elect a JetStream meta leader, and keep acknowledged messages of a
# 3-replica stream while one node is down. Leaves nothing running.
#
#   infra/scripts/check-nats-cluster.sh          # ports 14222.., 16222.., 18222.. (ANBU_CHECK_PORT_BASE)
set -euo pipefail
SCRIPTS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib/common.sh
source "$SCRIPTS/lib/common.sh"
ANBU_LOG_TAG=nats-cluster
export PATH="/usr/local/bin:$PATH"

BASE=${ANBU_CHECK_PORT_BASE:-10000}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/anbu-nats-cluster.XXXXXX")
NATS_BIN=""

client_port() { echo $((BASE + 4221 + $1)); }
route_port() { echo $((BASE + 6221 + $1)); }
monitor_port() { echo $((BASE + 8221 + $1)); }

cleanup() {
  local i
  for i in 1 2 3; do
    stop_pid_file "$WORK/nats-$i.pid" 10
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

find_nats_server() {
  NATS_BIN=${NATS_SERVER_BIN:-$(go env GOPATH 2>/dev/null)/bin/nats-server}
  [ -x "$NATS_BIN" ] || NATS_BIN=$(command -v nats-server || true)
  [ -n "$NATS_BIN" ] || die "nats-server not found (set NATS_SERVER_BIN)"
}

# infra/nats/nats-$1.conf with loopback addresses, this run's ports and a temporary store.
local_config() {
  local i=$1 j
  local -a routes=()
  for j in 1 2 3; do
    routes+=(-e "s|nats-route://nats-$j:6222|nats-route://127.0.0.1:$(route_port "$j")|")
  done
  sed -e "s|^listen: 0.0.0.0:4222|listen: 127.0.0.1:$(client_port "$i")|" \
    -e "s|^http: 0.0.0.0:8222|http: 127.0.0.1:$(monitor_port "$i")|" \
    -e "s|  listen: 0.0.0.0:6222|  listen: 127.0.0.1:$(route_port "$i")|" \
    -e "s|store_dir: \"/data\"|store_dir: \"$WORK/data-$i\"|" \
    "${routes[@]}" "$ANBU_ROOT/infra/nats/nats-$i.conf" >"$WORK/nats-$i.conf"
  grep -q "127.0.0.1:$(route_port "$i")" "$WORK/nats-$i.conf" ||
    die "nats-$i.conf no longer has the expected listen/routes lines"
}

start_node() {
  local i=$1
  for port in "$(client_port "$i")" "$(route_port "$i")" "$(monitor_port "$i")"; do
    ! port_in_use "$port" || die "port $port is taken (set ANBU_CHECK_PORT_BASE)"
  done
  "$NATS_BIN" -c "$WORK/nats-$i.conf" -P "$WORK/nats-$i.pid" -l "$WORK/nats-$i.log" </dev/null &
}

jsz() { curl -sf "http://127.0.0.1:$(monitor_port "$1")/jsz"; }
meta_ready() {
  jsz "$1" | python3 -c 'import json,sys; m=json.load(sys.stdin).get("meta_cluster",{}); sys.exit(0 if m.get("leader") and m.get("cluster_size")==3 else 1)'
}
routes_of() {
  curl -sf "http://127.0.0.1:$(monitor_port "$1")/routez" | python3 -c 'import json,sys; print(len({r.get("remote_name") for r in json.load(sys.stdin)["routes"]}))'
}

# Creates a 3-replica stream, publishes, stops node 3, publishes again, counts on node 1.
probe_streams() {
  local servers
  servers="nats://127.0.0.1:$(client_port 1),nats://127.0.0.1:$(client_port 2)"
  # shellcheck disable=SC2016 # JavaScript template literals, not shell expansions
  (cd "$ANBU_ROOT/packages/bus" && SERVERS=$servers MODE=$1 node --input-type=module -e '
    import { connect } from "@nats-io/transport-node";
    import { jetstreamManager, jetstream } from "@nats-io/jetstream";
    const nc = await connect({ servers: process.env.SERVERS.split(",") });
    const jsm = await jetstreamManager(nc);
    if (process.env.MODE === "create") await jsm.streams.add({ name: "CHECK", subjects: ["check.>"], num_replicas: 3 });
    const js = jetstream(nc);
    for (let i = 0; i < 100; i++) await js.publish("check.x", String(i), { msgID: `${process.env.MODE}-${i}` });
    const info = await jsm.streams.info("CHECK");
    console.log(`${info.state.messages} messages, replicas: ${[info.cluster?.leader, ...(info.cluster?.replicas ?? []).map((r) => r.name + (r.current ? "" : "(behind)"))].join(" ")}`);
    await nc.close();
  ')
}

main() {
  find_nats_server
  log "using $("$NATS_BIN" --version), work dir $WORK"
  local i
  for i in 1 2 3; do
    local_config "$i"
    "$NATS_BIN" -t -c "$WORK/nats-$i.conf" >/dev/null 2>&1 || die "nats-$i.conf does not parse"
  done
  for i in 1 2 3; do start_node "$i"; done
  WAIT_SECONDS=30 wait_until meta_ready 1 || { tail -n 20 "$WORK"/nats-1.log >&2; die "no JetStream meta leader with 3 nodes"; }
  log "cluster formed: node 1 routes to $(routes_of 1) other nodes; meta leader $(jsz 1 | python3 -c 'import json,sys; print(json.load(sys.stdin)["meta_cluster"]["leader"])')"
  [ "$(routes_of 1)" = 2 ] || die "node 1 should route to 2 other nodes"
  jsz 1 | grep -q '"sync_always": true' || die "sync_interval: always is not in effect"
  log "sync_interval always in effect"
  if [ -d "$ANBU_ROOT/packages/bus/node_modules/@nats-io/jetstream" ]; then
    log "R3 stream, all nodes up: $(probe_streams create)"
    stop_pid_file "$WORK/nats-3.pid" 10
    log "R3 stream, nats-3 stopped: $(probe_streams more)"
    [ "$(probe_streams again | cut -d' ' -f1)" = 300 ] || die "messages lost with one node down"
    log "300 acknowledged messages kept with one node of three down"
  else
    warn "packages/bus has no @nats-io/jetstream installed: skipped the stream check"
  fi
  log "ok"
}

main "$@"
