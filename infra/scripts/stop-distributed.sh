#!/usr/bin/env bash
# Stops what start-distributed.sh started: the gateway replicas first (no new requests), then the
# other services together (SIGTERM: they drain and finish in-flight work; SIGKILL after
# $ANBU_STOP_TIMEOUT seconds, default 40), then the local nats-server and PostgreSQL. Data in
# .anbu/ is kept.
#
#   infra/scripts/stop-distributed.sh                  # everything
#   infra/scripts/stop-distributed.sh --keep-servers   # only the services; PostgreSQL and NATS stay up
set -euo pipefail
SCRIPTS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib/common.sh
source "$SCRIPTS/lib/common.sh"
# shellcheck source=lib/services.sh
source "$SCRIPTS/lib/services.sh"
ANBU_LOG_TAG=distributed

main() {
  local servers=stop
  case ${1:-} in
    "") ;;
    --keep-servers) servers=keep ;;
    *) sed -n '2,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
  stop_replicas 0 gateway
  stop_replicas 0 households donations matching dispatch care
  log "services stopped"
  if [ "$servers" = stop ]; then
    "$SCRIPTS/stop-local-nats.sh"
    "$SCRIPTS/stop-local-postgres.sh"
  fi
}

main "$@"
