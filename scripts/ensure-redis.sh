#!/usr/bin/env bash
# Makes sure Debian's redis-server (n8n's queue in queue mode) is installed, and prints the folder of
# the binary. Installs it with apt-get when missing, which needs root (CI runs as root). Nothing is
# started here: the queue-mode launcher starts its own Redis on a free port and stops it by pid.
set -euo pipefail

log() { printf '[ensure-redis] %s\n' "$*" >&2; }

if command -v redis-server >/dev/null 2>&1; then
	dirname "$(command -v redis-server)"
	exit 0
fi
if [[ "$(id -u)" != "0" ]] || ! command -v apt-get >/dev/null 2>&1; then
	log "redis-server is missing. Install Redis 6.2 or newer (Debian/Ubuntu: sudo apt-get install redis-server) and run again."
	exit 1
fi

started=$SECONDS
# The package's own service must not start (it would hold port 6379 and outlive the run): when the
# machine has no policy yet, deny service starts for the duration of the install, as container
# builds do.
if [[ ! -e /usr/sbin/policy-rc.d ]]; then
	printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
	chmod 755 /usr/sbin/policy-rc.d
	trap 'rm -f /usr/sbin/policy-rc.d' EXIT
fi
log "installing Debian's redis-server with apt-get"
apt-get update -qq >&2
update_seconds=$((SECONDS - started))
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >&2
log "installed $(redis-server --version | cut -d' ' -f3) in $((SECONDS - started)) s (apt-get update $update_seconds s)"
dirname "$(command -v redis-server)"
