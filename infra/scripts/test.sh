#!/usr/bin/env bash
# The README's test command: set the machine up (Node 24, pnpm, PostgreSQL, nats-server,
# packages), then workspace lint (sherif), typecheck, lint and every package's tests, then the
# load-test smoke run.
# Integration tests start their own throwaway PostgreSQL and nats-server.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash infra/scripts/setup.sh
export PATH="/usr/local/bin:$(go env GOPATH 2>/dev/null || echo "$HOME/go")/bin:$PATH"
pnpm lint:ws
status=0
pnpm exec turbo run typecheck lint test --concurrency=3 --continue --output-logs=new-only "$@" || status=$?
# The 30-second load-test smoke run (loadtests/, k6 against the distributed stack on a temp
# PostgreSQL and nats-server), so that the load-test scripts cannot rot. .ci/totals.mjs counts its
# thresholds and lost-or-doubled check from loadtests/.cache/loadtest-smoke.json.
# ANBU_SKIP_LOADTEST_SMOKE=1 skips it.
if [ "${ANBU_SKIP_LOADTEST_SMOKE:-}" != 1 ]; then
  pnpm loadtest:smoke || status=1
fi
exit "$status"
