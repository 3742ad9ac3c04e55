#!/usr/bin/env bash
# Makes sure redis-server is on the PATH for the Spring Session Data Redis peer of the HTTP benchmark.
# The bench module's build runs this before its tests; it installs Debian's redis-server package when missing
# (as root, as on the build machines) and never starts the system service: the benchmark starts its own
# redis-server on a free port and stops it by its process id.
set -euo pipefail
if command -v redis-server >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "redis-server is missing: install it (Debian/Ubuntu: sudo apt-get install redis-server) and run again" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# Keep the package's service from starting where an init system would start it.
policy=/usr/sbin/policy-rc.d
created_policy=no
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy" && created_policy=yes
fi
trap '[ "$created_policy" = yes ] && rm -f "$policy"' EXIT
apt-get update -qq
apt-get install -y -qq --no-install-recommends redis-server >/dev/null
command -v redis-server >/dev/null
