#!/usr/bin/env bash
# `npm run setup [-- --no-n8n]`: everything the README's commands need, on a fresh clone. Finds or
# installs Node.js 24, then installs the project's dependencies (`npm ci`, on Node 24) and, at the
# same time, the n8n release the demo and the end-to-end tests run (--no-n8n leaves it out).
# Details and measured times: scripts/setup/firstRun.mts, docs/demo.md ("First run").
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup/node24.sh
node24="$(ensure_node24)"
SETUP_SYSTEM_NODE_MAJOR="$(system_node_major)" exec "$node24" scripts/setup/firstRun.mts setup "$@"
