#!/usr/bin/env bash
# The README's start command: set the machine up, build, and start every service in one process
# on the embedded database (PGlite in ./.anbu/data) with the demo city.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash infra/scripts/setup.sh
export PATH="/usr/local/bin:$PATH"
exec pnpm start
