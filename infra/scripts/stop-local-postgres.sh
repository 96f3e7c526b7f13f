#!/usr/bin/env bash
# Stops the local PostgreSQL started by start-local-postgres.sh (fast shutdown; data is kept in
# $ANBU_STATE_DIR/pg). Same as `start-local-postgres.sh stop`.
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/start-local-postgres.sh" stop "$@"
