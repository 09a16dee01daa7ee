#!/usr/bin/env bash
# Installs the n8n release this package supports, on Node 24, into a cache folder outside the
# repository (once), and prints the folder as its last line. Progress goes to stderr. Idempotent:
# a marker is written last, so an interrupted install starts over and a finished one is reused at
# once. Works unattended (CI, no stdin); only the npm registry is needed.
#
# Layout of the printed folder (scripts/lib/n8nInstall.ts relies on it):
#   node/bin/node          Node 24 (n8n 2.x refuses older Node)
#   n8n/node_modules/.bin/n8n
#   .ready                 marker, written last
# How the install is done and why: scripts/setup/installN8n.mts.
set -euo pipefail
here="$(dirname "$0")"
source "$here/setup/node24.sh"
node24="$(ensure_node24)"
exec "$node24" "$here/setup/firstRun.mts" n8n
