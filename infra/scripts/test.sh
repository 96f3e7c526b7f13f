#!/usr/bin/env bash
# The README's test command: set the machine up (Node 24, pnpm, PostgreSQL, nats-server,
# packages), then workspace lint (sherif), typecheck, lint and every package's tests.
# Integration tests start their own throwaway PostgreSQL and nats-server.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash infra/scripts/setup.sh
export PATH="/usr/local/bin:$(go env GOPATH 2>/dev/null || echo "$HOME/go")/bin:$PATH"
pnpm lint:ws
pnpm exec turbo run typecheck lint test --concurrency=3 --continue --output-logs=new-only "$@"
