# shellcheck shell=bash
# Service processes of the distributed mode: where their pid files and logs live, how many replicas
# each gets, and how to start and stop one. Sourced by start-distributed.sh and stop-distributed.sh
# after lib/common.sh.

# Gateway last on start (it reports the others in /healthz) and first on stop (no new requests).
ANBU_SERVICES=(households donations matching dispatch care gateway)
RUN_DIR="$ANBU_STATE_DIR/run"
LOG_DIR="$ANBU_STATE_DIR/logs"

is_service() {
  local name
  for name in "${ANBU_SERVICES[@]}"; do
    [ "$name" = "$1" ] && return 0
  done
  return 1
}

pid_file() { echo "$RUN_DIR/$1-$2.pid"; }
log_file() { echo "$LOG_DIR/$1-$2.log"; }

# Replicas of service $1: ANBU_REPLICAS_<SERVICE> (e.g. ANBU_REPLICAS_DISPATCH=3), default 1.
replicas_of() {
  local var
  var="ANBU_REPLICAS_$(echo "$1" | tr '[:lower:]-' '[:upper:]_')"
  local count=${!var:-1}
  [[ "$count" =~ ^[0-9]+$ ]] || die "$var must be a whole number, not '$count'"
  echo "$count"
}

# Replica numbers of service $1 that have a pid file, whether or not the process still runs.
known_replicas() {
  local file
  for file in "$RUN_DIR/$1"-*.pid; do
    [ -e "$file" ] || continue
    file=${file##*/}
    file=${file%.pid}
    echo "${file##*-}"
  done | sort -n
}

# HTTP port of gateway replica $1: ANBU_GATEWAY_PORT (default 8080) for the first, then +1 each.
gateway_port() {
  echo $((${ANBU_GATEWAY_PORT:-8080} + $1 - 1))
}

# The package's own start command (`node dist/main.js`), so that a change there applies here too.
start_command() {
  node -e 'const p = require(process.argv[1]); process.stdout.write(p.scripts?.start ?? "")' \
    "$ANBU_ROOT/services/$1/package.json"
}

# Starts replica $2 of service $1 in its own session, appending to its log; no-op if it runs.
start_replica() {
  local service=$1 n=$2 pid log cmd
  pid=$(pid_file "$service" "$n")
  log=$(log_file "$service" "$n")
  if pid_alive "$pid"; then
    log "$service-$n already running (pid $(cat "$pid"))"
    return 0
  fi
  cmd=$(start_command "$service")
  [ -n "$cmd" ] || die "services/$service/package.json has no start script"
  local -a extra_env=("ANBU_INSTANCE_ID=$service-$n" "ANBU_PID_FILE=$pid")
  if [ "$service" = gateway ]; then
    local port
    port=$(gateway_port "$n")
    ! port_in_use "$port" || die "gateway port $port is taken (set ANBU_GATEWAY_PORT)"
    extra_env+=("PORT=$port")
  fi
  mkdir -p "$RUN_DIR" "$LOG_DIR"
  printf '\n=== %s start %s-%s: %s\n' "$(date -u +%FT%TZ)" "$service" "$n" "$cmd" >>"$log"
  # exec keeps the recorded pid that of node itself, so that SIGTERM reaches the service.
  (cd "$ANBU_ROOT/services/$service" &&
    exec env "${extra_env[@]}" setsid bash -c "exec $cmd" </dev/null >>"$log" 2>&1) &
  echo $! >"$pid"
  log "started $service-$n (pid $!, log ${log#"$ANBU_ROOT"/})"
}

# Stops, in parallel, every replica numbered above $1 (0 = all) of each service named after it:
# SIGTERM (the services drain and finish in-flight work), then SIGKILL after $ANBU_STOP_TIMEOUT
# seconds (default 40: a service gives up draining after its own SHUTDOWN_TIMEOUT_MS, 30 s).
stop_replicas() {
  local keep=$1 service n pid
  shift
  local -a stoppers=()
  for service in "$@"; do
    for n in $(known_replicas "$service"); do
      [ "$n" -gt "$keep" ] || continue
      pid=$(pid_file "$service" "$n")
      if pid_alive "$pid"; then
        log "stopping $service-$n (pid $(cat "$pid"))"
      fi
      stop_pid_file "$pid" "${ANBU_STOP_TIMEOUT:-40}" &
      stoppers+=("$!")
    done
  done
  # Wait for these stoppers only: the caller may have service processes as children too.
  [ "${#stoppers[@]}" -eq 0 ] || wait "${stoppers[@]}"
}
