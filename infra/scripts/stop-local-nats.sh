#!/usr/bin/env bash
# Stops the local nats-server started by start-local-nats.sh (SIGTERM, then SIGKILL after 30 s; the
# JetStream store in $ANBU_STATE_DIR/nats is kept). Same as `start-local-nats.sh stop`.
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/start-local-nats.sh" stop "$@"
