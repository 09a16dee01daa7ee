#!/usr/bin/env bash
# Measures a first run as a new user has it: a fresh clone, an empty npm cache and an empty
# N8N_CACHE_DIR, then the install command (`npm run setup`, or FIRST_RUN_INSTALL, e.g. "npm ci" for
# the commands before it existed) and `npm start` until it prints the editor URL (it is then
# stopped). Prints each command's wall time and the machine's load average before and after; the
# step-by-step times are in the logs it names and keeps. Needs about 4 GB while it runs.
#
#   [FIRST_RUN_INSTALL="npm ci"] scripts/setup/measureFirstRun.sh <repository> [commit] [work folder]
set -uo pipefail
source_repo="${1:?usage: measureFirstRun.sh <repository> [commit] [work folder]}"
commit="${2:-HEAD}"
root="${3:-$(mktemp -d "${TMPDIR:-/tmp}/first-run-XXXXXX")}"
install="${FIRST_RUN_INSTALL:-npm run setup}"
mkdir -p "$root"
export npm_config_cache="$root/npm-cache" N8N_CACHE_DIR="$root/n8n-cache"
load() { cut -d' ' -f1-3 /proc/loadavg; }
# Prefixes every line with the seconds since `start`.
stamp() {
	local start=$1 line
	while IFS= read -r line; do printf '%6ds %s\n' "$((SECONDS - start))" "$line"; done
}
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

echo "load average before: $(load)"
started=$SECONDS
git clone -q "$source_repo" "$root/repo"
cd "$root/repo"
git checkout -q "$commit"
echo "git clone: $((SECONDS - started)) s"
installing=$SECONDS
$install 2>&1 | stamp $installing >"$root/install.log"
installed=$SECONDS
echo "$install: $((installed - installing)) s (load average $(load)); steps: $root/install.log"

N8N_PORT="$(free_port)" SANDBOX_PORT="$(free_port)"
export N8N_PORT SANDBOX_PORT
set -m
(npm start 2>&1 | stamp $installed >"$root/start.log") &
start_group=$!
until grep -q 'n8n is running' "$root/start.log" 2>/dev/null; do
	if ! kill -0 "$start_group" 2>/dev/null; then
		echo "npm start ended before n8n ran: $root/start.log"
		exit 1
	fi
	sleep 1
done
echo "npm start to the editor URL: $((SECONDS - installed)) s (load average $(load)); steps: $root/start.log"
echo "in all, from git clone: $((SECONDS - started)) s"
echo "node of npm scripts: $(npm exec -- node --version)"
kill -INT -- "-$start_group" 2>/dev/null
sleep 20
kill -- "-$start_group" 2>/dev/null
wait
# Keeps the logs, not the 4 GB of installs.
cd /
rm -rf "$root/repo" "$root/npm-cache" "$root/n8n-cache"
