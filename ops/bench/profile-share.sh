#!/usr/bin/env bash
# Reads a collapsed profile that profile-grid.sh wrote and prints which share of its samples each thread group
# took (thread names without their numbers), then, for each PATTERN, the share of samples whose stack contains it
# anywhere (inclusive: a frame and everything it calls). Multiply a share by the CPU per request a run measured to
# get microseconds per request. Patterns are plain text matched against the frames, such as
# 'SessionGridFilter.doFilter' or 'HazelcastSessionStore.apply'.
#   ops/bench/profile-share.sh OUT [PATTERN ...]
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: ops/bench/profile-share.sh OUT [PATTERN ...]" >&2; exit 2; }
profile=$1; shift
[ -f "$profile" ] || { echo "$profile does not exist: write it with ops/bench/profile-grid.sh first" >&2; exit 2; }
patterns=$(printf '%s\n' "$@")
awk -v patterns="$patterns" '
  BEGIN { n = split(patterns, pat, "\n") }
  {
    count = $NF
    stack = substr($0, 1, length($0) - length(count) - 1)
    total += count
    thread = stack; sub(/;.*/, "", thread); sub(/^\[/, "", thread); sub(/ tid=.*/, "", thread); sub(/\]$/, "", thread)
    gsub(/[-#]?[0-9]+$/, "", thread)
    threads[thread] += count
    for (i = 1; i <= n; i++) if (pat[i] != "" && index(stack, pat[i]) > 0) hits[i] += count
  }
  END {
    if (total == 0) { print "no samples in the profile" > "/dev/stderr"; exit 1 }
    printf "0\t\t%d samples\n", total
    for (t in threads) if (threads[t] * 1000 >= total) printf "1\t%d\t  thread %-60s %5.1f%%\n", threads[t], t, 100 * threads[t] / total
    for (i = 1; i <= n; i++) if (pat[i] != "") printf "2\t%d\t  %-68s %5.2f%%\n", n - i, pat[i], 100 * hits[i] / total
  }' "$profile" | sort -t $'\t' -k1,1n -k2,2nr | cut -f3-
