#!/usr/bin/env bash
# Runs Anbu in distributed mode on this machine, without Docker: a local PostgreSQL and nats-server
# (start-local-postgres.sh, start-local-nats.sh), a build of the workspace, then every service as
# its own process, with any number of replicas. Idempotent: running it again starts what is
# missing and stops replicas beyond the wanted count, so it also scales.
#
#   infra/scripts/start-distributed.sh                        # 1 replica each
#   infra/scripts/start-distributed.sh --replicas dispatch=3 --replicas gateway=2
#   ANBU_REPLICAS_MATCHING=2 infra/scripts/start-distributed.sh --no-build
#   infra/scripts/start-distributed.sh status                 # what runs, with pids and logs
#   infra/scripts/stop-distributed.sh                         # stop everything
#
# Options: --replicas SERVICE=N (also ANBU_REPLICAS_<SERVICE>=N), --no-build, --external (use the
# DATABASE_URL and NATS_URL of the environment instead of starting local servers).
# Environment: ANBU_GATEWAY_PORT (first gateway replica's port, default 8080; replica n gets
# +n-1), ANBU_ENCRYPTION_KEY (default: a development key made once in .anbu/encryption-key),
# ANBU_COOKIE_SECURE (default false: plain http), ANBU_START_TIMEOUT (seconds to wait for the
# gateway's /healthz, default 90), LOG_LEVEL, ANBU_STATE_DIR (default <repo>/.anbu), and those of
# start-local-postgres.sh / start-local-nats.sh. Each process gets ANBU_INSTANCE_ID=<service>-<n>.
# Logs: .anbu/logs/<service>-<n>.log, pid files: .anbu/run/<service>-<n>.pid.
set -euo pipefail
SCRIPTS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib/common.sh
source "$SCRIPTS/lib/common.sh"
# shellcheck source=lib/services.sh
source "$SCRIPTS/lib/services.sh"
ANBU_LOG_TAG=distributed
export PATH="/usr/local/bin:$PATH"

usage() {
  sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

check_tools() {
  command -v node >/dev/null || die "node not found (run infra/scripts/setup.sh)"
  [ "$(node -p 'process.versions.node.split(".")[0]')" -ge 24 ] ||
    die "Node 24 needed, found $(node -v) (run infra/scripts/setup.sh)"
  command -v pnpm >/dev/null || die "pnpm not found (run infra/scripts/setup.sh)"
}

# Exports DATABASE_URL and NATS_URL: from local servers, or as given with --external.
start_servers() {
  if [ "$1" = external ]; then
    [ -n "${DATABASE_URL:-}" ] || die "--external needs DATABASE_URL in the environment"
    [ -n "${NATS_URL:-}" ] || die "--external needs NATS_URL in the environment"
    log "using external servers: $NATS_URL, ${DATABASE_URL%%://*}://…@${DATABASE_URL##*@}"
    return 0
  fi
  eval "$("$SCRIPTS/start-local-postgres.sh")"
  eval "$("$SCRIPTS/start-local-nats.sh")"
  export DATABASE_URL NATS_URL
}

# A stable development key (32 random bytes, base64) unless ANBU_ENCRYPTION_KEY is set, so that
# encrypted fields stay readable across restarts. Never use it outside a development machine.
ensure_encryption_key() {
  if [ -n "${ANBU_ENCRYPTION_KEY:-}" ]; then
    return 0
  fi
  local file="$ANBU_STATE_DIR/encryption-key"
  if [ ! -s "$file" ]; then
    mkdir -p "$ANBU_STATE_DIR"
    (umask 077 && head -c 32 /dev/urandom | base64 >"$file")
    log "made a development encryption key in ${file#"$ANBU_ROOT"/}"
  fi
  ANBU_ENCRYPTION_KEY=$(cat "$file")
  export ANBU_ENCRYPTION_KEY
}

build_workspace() {
  log "building the workspace (pnpm build)"
  (cd "$ANBU_ROOT" && pnpm build) >&2 || die "pnpm build failed"
  local service
  for service in "${ANBU_SERVICES[@]}"; do
    [ -f "$ANBU_ROOT/services/$service/dist/main.js" ] ||
      die "services/$service/dist/main.js is missing after the build"
  done
}

# Starts replicas 1..N of every service and stops those above N.
converge() {
  local service n count
  for service in "${ANBU_SERVICES[@]}"; do
    count=$(replicas_of "$service")
    stop_replicas "$count" "$service"
    for ((n = 1; n <= count; n++)); do
      start_replica "$service" "$n"
    done
  done
}

# Fails if a replica died right after its start (bad config, port taken, ...), showing its log.
check_alive() {
  local service n dead=0
  sleep 2
  for service in "${ANBU_SERVICES[@]}"; do
    for n in $(known_replicas "$service"); do
      if ! pid_alive "$(pid_file "$service" "$n")"; then
        warn "$service-$n exited; last lines of $(log_file "$service" "$n"):"
        tail -n 15 "$(log_file "$service" "$n")" >&2 || true
        rm -f "$(pid_file "$service" "$n")"
        dead=1
      fi
    done
  done
  [ "$dead" = 0 ] || die "some services did not stay up (infra/scripts/stop-distributed.sh stops the rest)"
}

gateway_healthy() {
  curl -sf "http://127.0.0.1:$1/healthz"
}

wait_for_gateway() {
  local port
  port=$(gateway_port 1)
  log "waiting for http://127.0.0.1:$port/healthz (up to ${ANBU_START_TIMEOUT:-90} s)"
  if ! WAIT_SECONDS=${ANBU_START_TIMEOUT:-90} wait_until gateway_healthy "$port"; then
    warn "the gateway's /healthz did not answer 200; it said: $(curl -s "http://127.0.0.1:$port/healthz" || echo '(no answer)')"
    die "not healthy; see .anbu/logs/ (infra/scripts/stop-distributed.sh stops everything)"
  fi
  log "healthy: $(curl -s "http://127.0.0.1:$port/healthz")"
}

cmd_status() {
  local service n pid state
  printf '%-12s %-8s %-8s %s\n' SERVICE REPLICA PID LOG
  for service in "${ANBU_SERVICES[@]}"; do
    for n in $(known_replicas "$service"); do
      pid=$(pid_file "$service" "$n")
      state=$(cat "$pid")
      pid_alive "$pid" || state="dead"
      printf '%-12s %-8s %-8s %s\n' "$service" "$n" "$state" "$(log_file "$service" "$n")"
    done
  done
  "$SCRIPTS/start-local-postgres.sh" status || true
  "$SCRIPTS/start-local-nats.sh" status || true
}

cmd_start() {
  local servers=$1 build=$2
  check_tools
  start_servers "$servers"
  ensure_encryption_key
  [ "$build" = no ] || build_workspace
  export NODE_ENV="${NODE_ENV:-production}"
  export NODE_OPTIONS="${NODE_OPTIONS:---enable-source-maps}"
  # Plain http on 127.0.0.1 here, so the session cookie cannot require https.
  export ANBU_COOKIE_SECURE="${ANBU_COOKIE_SECURE:-false}"
  converge
  check_alive
  wait_for_gateway
  log "Anbu runs distributed: http://127.0.0.1:$(gateway_port 1)/  (status: $0 status, stop: infra/scripts/stop-distributed.sh)"
  echo "export DATABASE_URL='$DATABASE_URL'"
  echo "export NATS_URL='$NATS_URL'"
}

main() {
  local command=start servers=local build=yes spec
  while [ $# -gt 0 ]; do
    case $1 in
      start | status) command=$1 ;;
      --no-build) build=no ;;
      --external) servers=external ;;
      --replicas | --replicas=*)
        if [ "$1" = --replicas ]; then
          spec=${2:?--replicas needs SERVICE=N}
          shift
        else
          spec=${1#--replicas=}
        fi
        is_service "${spec%%=*}" || die "unknown service '${spec%%=*}' (one of: ${ANBU_SERVICES[*]})"
        export "ANBU_REPLICAS_$(echo "${spec%%=*}" | tr '[:lower:]' '[:upper:]')=${spec#*=}"
        ;;
      -h | --help) usage ;;
      *) echo "unknown argument: $1" >&2; usage ;;
    esac
    shift
  done
  case $command in
    start) cmd_start "$servers" "$build" ;;
    status) cmd_status ;;
  esac
}

main "$@"
