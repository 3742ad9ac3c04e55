#!/usr/bin/env bash
# Makes sure the HTTP benchmark's system tools are on the PATH: wrk (the load generator) and redis-server (for the
# Spring Session Data Redis peer). Installs Debian's packages when missing, as root; never starts the system
# service: the benchmark starts its own redis-server on a free port and stops it by its process id.
# The default build never runs this: only run-http.sh does.
set -euo pipefail
missing=()
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "missing: ${missing[*]}; install them (Debian/Ubuntu: sudo apt-get install ${missing[*]}) and run again" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# Keep redis-server's service from starting where an init system would start it.
policy=/usr/sbin/policy-rc.d
created_policy=no
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy" && created_policy=yes
fi
trap '[ "$created_policy" = yes ] && rm -f "$policy"' EXIT
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
command -v wrk >/dev/null && command -v redis-server >/dev/null
