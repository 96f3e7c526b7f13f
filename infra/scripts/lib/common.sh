# shellcheck shell=bash
# Shared helpers for the infra/scripts/*.sh local-server scripts. Source it; do not run it.
# Messages go to stderr so that a script's stdout carries only `export NAME=value` lines, which a
# caller can `eval`.

# Repository root (two levels above this file) and the folder that holds all local state.
ANBU_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
ANBU_STATE_DIR="${ANBU_STATE_DIR:-$ANBU_ROOT/.anbu}"
# Absolute, since pid files are recognised by their path (see pid_alive).
ANBU_STATE_DIR="$(mkdir -p "$ANBU_STATE_DIR" && cd "$ANBU_STATE_DIR" && pwd)"

# Colour only on a terminal.
if [ -t 2 ]; then
  _c_tag=$'\033[1;34m' _c_warn=$'\033[1;33m' _c_err=$'\033[1;31m' _c_off=$'\033[0m'
else
  _c_tag='' _c_warn='' _c_err='' _c_off=''
fi
log() { printf '%s[%s]%s %s\n' "$_c_tag" "${ANBU_LOG_TAG:-anbu}" "$_c_off" "$*" >&2; }
warn() { printf '%s[%s] warning:%s %s\n' "$_c_warn" "${ANBU_LOG_TAG:-anbu}" "$_c_off" "$*" >&2; }
die() {
  printf '%s[%s] error:%s %s\n' "$_c_err" "${ANBU_LOG_TAG:-anbu}" "$_c_off" "$*" >&2
  exit 1
}

# True when something already accepts TCP connections on 127.0.0.1:$1.
port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# First port from $1 upwards (at most 100 tries) that nothing listens on.
first_free_port() {
  local port=$1
  local last=$((port + 100))
  while [ "$port" -lt "$last" ]; do
    if ! port_in_use "$port"; then
      echo "$port"
      return 0
    fi
    port=$((port + 1))
  done
  die "no free port in $1..$last"
}

# The port to use: the one asked for ($1, may be empty; it must be free), else the one remembered
# in file $2 from an earlier start, else default $3; moving up to the next free port when the
# remembered or default one is taken. The choice is remembered in $2.
choose_port() {
  local wanted=$1 memo=$2 default=$3 port
  if [ -n "$wanted" ]; then
    [[ "$wanted" =~ ^[0-9]+$ ]] || die "not a port number: '$wanted'"
    ! port_in_use "$wanted" || die "port $wanted is taken by another program"
    port=$wanted
  else
    port=$default
    if [ -s "$memo" ]; then
      port=$(cat "$memo")
    fi
    [[ "$port" =~ ^[0-9]+$ ]] || die "not a port number in $memo: '$port'"
    port=$(first_free_port "$port")
  fi
  mkdir -p "$(dirname "$memo")"
  echo "$port" >"$memo"
  echo "$port"
}

# True while the process whose id is in pid file $1 is alive and is the one the file is about: its
# command line or environment names the file (`-P <file>`, `ANBU_PID_FILE=<file>`), so that a pid
# reused after a reboot is never taken for it, nor sent a signal. Without /proc, the pid is trusted.
pid_alive() {
  local pid words
  [ -s "$1" ] || return 1
  pid=$(cat "$1")
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  [ -r "/proc/$pid/cmdline" ] || return 0
  # Read first, grep after: `grep -q` closing a pipe early would fail the pipe under pipefail.
  words=$(tr '\0' '\n' <"/proc/$pid/cmdline"; tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null || true)
  grep -qxF -e "$1" -e "ANBU_PID_FILE=$1" <<<"$words"
}

# Sends SIGTERM to the process in pid file $1, waits up to $2 seconds (default 20) for it to end,
# then sends SIGKILL. Removes the pid file. Silent when nothing runs.
stop_pid_file() {
  local file=$1 timeout=${2:-20} pid waited=0
  if ! pid_alive "$file"; then
    rm -f "$file"
    return 0
  fi
  pid=$(cat "$file")
  kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do
    if [ "$waited" -ge $((timeout * 10)) ]; then
      warn "pid $pid ($(basename "$file" .pid)) still running after ${timeout}s: sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  rm -f "$file"
}

# Polls command "$@" every 0.2 s until it succeeds or $WAIT_SECONDS (default 30) have passed.
wait_until() {
  local tries=$((${WAIT_SECONDS:-30} * 5))
  while [ "$tries" -gt 0 ]; do
    if "$@" >/dev/null 2>&1; then
      return 0
    fi
    sleep 0.2
    tries=$((tries - 1))
  done
  return 1
}
