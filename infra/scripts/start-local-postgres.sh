#!/usr/bin/env bash
# Starts a local PostgreSQL for Anbu's distributed mode, without Docker: initdb into
# $ANBU_STATE_DIR/pg/data (default .anbu/pg/data) on first use, start it on 127.0.0.1, create the
# database, and print the DATABASE_URL to export.
#
#   eval "$(infra/scripts/start-local-postgres.sh)"        # start (idempotent), export DATABASE_URL
#   infra/scripts/start-local-postgres.sh --port 5544       # a given port (remembered for next time)
#   infra/scripts/start-local-postgres.sh status|env|stop   # stop = infra/scripts/stop-local-postgres.sh
#
# Environment: PG_BIN (folder with initdb/pg_ctl; default the newest /usr/lib/postgresql/*/bin),
# ANBU_PG_PORT (default: remembered, else the first free port from 5432), ANBU_PG_USER /
# ANBU_PG_PASSWORD (database superuser, default anbu/anbu), ANBU_PG_DATABASE (default anbu),
# ANBU_PG_OS_USER (system user that runs the server when invoked as root; default postgres,
# because postgres refuses to run as root), ANBU_STATE_DIR (default <repo>/.anbu).
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
ANBU_LOG_TAG=postgres

PG_DIR="$ANBU_STATE_DIR/pg"
PG_DATA="$PG_DIR/data"
PG_LOG="$PG_DIR/postgres.log"
PG_PORT_FILE="$PG_DIR/port"
DB_USER="${ANBU_PG_USER:-anbu}"
DB_PASSWORD="${ANBU_PG_PASSWORD:-anbu}"
DB_NAME="${ANBU_PG_DATABASE:-anbu}"
OS_USER="${ANBU_PG_OS_USER:-postgres}"

usage() {
  sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

find_pg_bin() {
  local dir=${PG_BIN:-}
  if [ -z "$dir" ]; then
    dir=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    [ -d "$dir" ] || dir=""
  fi
  if [ -z "$dir" ] && command -v pg_config >/dev/null; then
    dir=$(pg_config --bindir)
  fi
  if [ -z "$dir" ] || [ ! -x "$dir/initdb" ] || [ ! -x "$dir/pg_ctl" ]; then
    die "PostgreSQL server binaries not found (set PG_BIN, or run infra/scripts/setup.sh)"
  fi
  echo "$dir"
}

# Runs "$@" as the system user that owns the cluster: $OS_USER when we are root, else ourselves.
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u "$OS_USER" -- "$@"
  else
    "$@"
  fi
}

prepare_dir() {
  mkdir -p "$PG_DIR"
  if [ "$(id -u)" = 0 ]; then
    id "$OS_USER" >/dev/null 2>&1 ||
      die "running as root, but system user '$OS_USER' does not exist (set ANBU_PG_OS_USER)"
    chown "$OS_USER" "$PG_DIR"
    as_owner test -w "$PG_DIR" ||
      die "user '$OS_USER' cannot write $PG_DIR (a parent folder is not searchable by it?)"
  fi
}

# initdb on first use; checks the server version of an existing cluster.
init_cluster() {
  local bin=$1 major
  major=$("$bin/postgres" --version | sed -E 's/.* ([0-9]+)(\.[0-9]+)*.*/\1/')
  if [ -s "$PG_DATA/PG_VERSION" ]; then
    [ "$(cat "$PG_DATA/PG_VERSION")" = "$major" ] ||
      die "$PG_DATA was made by PostgreSQL $(cat "$PG_DATA/PG_VERSION"), but PG_BIN is $major: set PG_BIN or remove the folder"
    return 0
  fi
  log "initdb (PostgreSQL $major) into $PG_DATA"
  local pwfile="$PG_DIR/.pwfile"
  printf '%s\n' "$DB_PASSWORD" >"$pwfile"
  [ "$(id -u)" != 0 ] || chown "$OS_USER" "$pwfile"
  chmod 600 "$pwfile"
  as_owner "$bin/initdb" -D "$PG_DATA" -U "$DB_USER" --pwfile="$pwfile" -E UTF8 --locale=C.UTF-8 \
    --auth-host=scram-sha-256 --auth-local=scram-sha-256 >"$PG_DIR/initdb.log" 2>&1 || {
    rm -f "$pwfile"
    die "initdb failed, see $PG_DIR/initdb.log"
  }
  rm -f "$pwfile"
  # TCP on loopback only and no Unix socket: nothing depends on /var/run/postgresql existing.
  # Enough connections for every service replica's pool in start-distributed.sh.
  as_owner tee -a "$PG_DATA/postgresql.conf" >/dev/null <<'EOF'

# Added by infra/scripts/start-local-postgres.sh
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
max_connections = 300
EOF
}

is_running() {
  local bin=$1
  [ -s "$PG_DATA/PG_VERSION" ] && as_owner "$bin/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1
}

# The port a running server listens on (line 4 of postmaster.pid), else the remembered one.
running_port() {
  sed -n 4p "$PG_DATA/postmaster.pid" 2>/dev/null || cat "$PG_PORT_FILE"
}

database_url() {
  echo "postgres://$DB_USER:$DB_PASSWORD@127.0.0.1:$1/$DB_NAME"
}

ensure_database() {
  local bin=$1 port=$2 exists
  exists=$(PGPASSWORD="$DB_PASSWORD" "$bin/psql" -h 127.0.0.1 -p "$port" -U "$DB_USER" -d postgres \
    -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")
  if [ "$exists" != 1 ]; then
    log "creating database $DB_NAME"
    PGPASSWORD="$DB_PASSWORD" "$bin/psql" -h 127.0.0.1 -p "$port" -U "$DB_USER" -d postgres \
      -qc "CREATE DATABASE \"$DB_NAME\"" >/dev/null
  fi
}

cmd_start() {
  local wanted_port=$1 bin port
  bin=$(find_pg_bin)
  prepare_dir
  init_cluster "$bin"
  if is_running "$bin"; then
    port=$(running_port)
    [ -z "$wanted_port" ] || [ "$wanted_port" = "$port" ] ||
      die "already running on port $port; stop it first to change the port"
    log "already running on 127.0.0.1:$port"
  else
    port=$(choose_port "$wanted_port" "$PG_PORT_FILE" 5432)
    log "starting on 127.0.0.1:$port (log $PG_LOG)"
    as_owner "$bin/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -o "-p $port" -w -t 60 start >/dev/null ||
      die "postgres did not start, see $PG_LOG"
  fi
  ensure_database "$bin" "$port"
  log "ready: psql $(database_url "$port")"
  echo "export DATABASE_URL='$(database_url "$port")'"
}

cmd_stop() {
  local bin
  bin=$(find_pg_bin)
  if ! is_running "$bin"; then
    log "not running"
    return 0
  fi
  log "stopping (fast shutdown)"
  as_owner "$bin/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 stop >/dev/null
  log "stopped"
}

cmd_status() {
  local bin
  bin=$(find_pg_bin)
  if is_running "$bin"; then
    log "running on 127.0.0.1:$(running_port), data $PG_DATA"
  else
    log "not running"
    return 3
  fi
}

cmd_env() {
  local bin
  bin=$(find_pg_bin)
  is_running "$bin" || die "not running (start it with infra/scripts/start-local-postgres.sh)"
  echo "export DATABASE_URL='$(database_url "$(running_port)")'"
}

main() {
  local command=start port=${ANBU_PG_PORT:-}
  while [ $# -gt 0 ]; do
    case $1 in
      start | stop | status | env) command=$1 ;;
      --port) port=${2:?--port needs a number}; shift ;;
      --port=*) port=${1#--port=} ;;
      -h | --help) usage ;;
      *) echo "unknown argument: $1" >&2; usage ;;
    esac
    shift
  done
  case $command in
    start) cmd_start "$port" ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    env) cmd_env ;;
  esac
}

main "$@"
