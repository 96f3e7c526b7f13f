#!/usr/bin/env bash
# Starts a local nats-server with JetStream for Anbu's distributed mode, without Docker: config
# infra/nats/nats.conf, store in $ANBU_STATE_DIR/nats (default .anbu/nats), client and monitoring
# ports on 127.0.0.1. Prints the NATS_URL to export.
#
#   eval "$(infra/scripts/start-local-nats.sh)"             # start (idempotent), export NATS_URL
#   infra/scripts/start-local-nats.sh --port 4333 --monitor-port 8333
#   infra/scripts/start-local-nats.sh status|env|stop        # stop = infra/scripts/stop-local-nats.sh
#
# Environment: NATS_SERVER_BIN (default $(go env GOPATH)/bin/nats-server, else nats-server on
# PATH), ANBU_NATS_PORT (default: remembered, else the first free port from 4222),
# ANBU_NATS_MONITOR_PORT (likewise from 8222), ANBU_NATS_CONFIG (default infra/nats/nats.conf),
# ANBU_STATE_DIR (default <repo>/.anbu).
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
ANBU_LOG_TAG=nats

NATS_DIR="$ANBU_STATE_DIR/nats"
NATS_PID="$NATS_DIR/nats.pid"
NATS_LOG="$NATS_DIR/nats.log"
NATS_PORT_FILE="$NATS_DIR/port"
NATS_MONITOR_PORT_FILE="$NATS_DIR/monitor-port"
NATS_CONFIG="${ANBU_NATS_CONFIG:-$ANBU_ROOT/infra/nats/nats.conf}"

usage() {
  sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

find_nats_server() {
  local bin=${NATS_SERVER_BIN:-}
  if [ -z "$bin" ] && command -v go >/dev/null; then
    bin="$(go env GOPATH)/bin/nats-server"
    [ -x "$bin" ] || bin=""
  fi
  if [ -z "$bin" ]; then
    bin=$(command -v nats-server || true)
  fi
  if [ -z "$bin" ] || [ ! -x "$bin" ]; then
    die "nats-server not found (set NATS_SERVER_BIN, or run infra/scripts/setup.sh)"
  fi
  echo "$bin"
}

nats_url() {
  echo "nats://127.0.0.1:$(cat "$NATS_PORT_FILE")"
}

healthy() {
  curl -sf "http://127.0.0.1:$1/healthz?js-enabled-only=true" >/dev/null
}

cmd_start() {
  local wanted_port=$1 wanted_monitor=$2 bin port monitor
  if pid_alive "$NATS_PID"; then
    [ -z "$wanted_port" ] || [ "$wanted_port" = "$(cat "$NATS_PORT_FILE")" ] ||
      die "already running on port $(cat "$NATS_PORT_FILE"); stop it first to change the port"
    log "already running (pid $(cat "$NATS_PID")) on $(nats_url)"
    echo "export NATS_URL='$(nats_url)'"
    return 0
  fi
  bin=$(find_nats_server)
  [ -r "$NATS_CONFIG" ] || die "config not found: $NATS_CONFIG"
  "$bin" -t -c "$NATS_CONFIG" >/dev/null 2>&1 || die "invalid config: $("$bin" -t -c "$NATS_CONFIG" 2>&1)"
  mkdir -p "$NATS_DIR"
  port=$(choose_port "$wanted_port" "$NATS_PORT_FILE" 4222)
  monitor=$(choose_port "$wanted_monitor" "$NATS_MONITOR_PORT_FILE" 8222)
  log "starting $("$bin" --version) on 127.0.0.1:$port, monitoring http://127.0.0.1:$monitor (log $NATS_LOG)"
  rm -f "$NATS_PID"
  # Own session, so that the server outlives this script and ^C in the caller's terminal.
  setsid "$bin" -c "$NATS_CONFIG" -a 127.0.0.1 -p "$port" -m "$monitor" -sd "$NATS_DIR" \
    -P "$NATS_PID" -l "$NATS_LOG" </dev/null >>"$NATS_DIR/nats.out" 2>&1 &
  if ! WAIT_SECONDS=30 wait_until healthy "$monitor"; then
    tail -n 20 "$NATS_LOG" "$NATS_DIR/nats.out" >&2 || true
    die "nats-server did not become healthy within 30 s"
  fi
  log "ready: JetStream store $NATS_DIR/jetstream"
  echo "export NATS_URL='$(nats_url)'"
}

cmd_stop() {
  if ! pid_alive "$NATS_PID"; then
    rm -f "$NATS_PID"
    log "not running"
    return 0
  fi
  log "stopping (pid $(cat "$NATS_PID"))"
  stop_pid_file "$NATS_PID" 30
  log "stopped"
}

cmd_status() {
  if pid_alive "$NATS_PID"; then
    log "running (pid $(cat "$NATS_PID")) on $(nats_url), monitoring http://127.0.0.1:$(cat "$NATS_MONITOR_PORT_FILE")"
  else
    log "not running"
    return 3
  fi
}

cmd_env() {
  pid_alive "$NATS_PID" || die "not running (start it with infra/scripts/start-local-nats.sh)"
  echo "export NATS_URL='$(nats_url)'"
}

main() {
  local command=start port=${ANBU_NATS_PORT:-} monitor=${ANBU_NATS_MONITOR_PORT:-}
  while [ $# -gt 0 ]; do
    case $1 in
      start | stop | status | env) command=$1 ;;
      --port) port=${2:?--port needs a number}; shift ;;
      --port=*) port=${1#--port=} ;;
      --monitor-port) monitor=${2:?--monitor-port needs a number}; shift ;;
      --monitor-port=*) monitor=${1#--monitor-port=} ;;
      -h | --help) usage ;;
      *) echo "unknown argument: $1" >&2; usage ;;
    esac
    shift
  done
  case $command in
    start) cmd_start "$port" "$monitor" ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    env) cmd_env ;;
  esac
}

main "$@"
