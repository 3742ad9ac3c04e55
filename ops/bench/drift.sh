#!/usr/bin/env bash
# The embedded application over minutes, one backend at a time, every process on its own: the benchmark
# application (ShopServlet in Jetty 12, its own JVM with the benchmark's flags and heap, 1,000 sessions) is driven
# by wrk for 120 s of the write-heavy mix, then for ROUNDS rounds of 5 s warm-up and 10 s measured under the
# read-heavy mix (95% reads) and then the write-heavy one (50%), as a run of run-http.sh would measure it. Per
# window it prints req/s, the application's CPU per request and the methods the JIT compiled; at the end, the young
# collections of the last rounds from the JVM's GC log (count, heap after, longest pause). Shows whether a
# backend's cost drifts while it runs: what a 10-s window at one point in time does not show.
#   ops/bench/drift.sh [ROUNDS=4] [BACKEND ...]     BACKEND: ours (1 embedded member, STICKY; the default),
#                                                   hazelcast-wm, local
# Needs wrk (install-bench-tools.sh) and run-http.sh's peers folder for hazelcast-wm. Uses ports 18093 (the
# application) and 15790 (its member); stops what it started by id.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
rounds=${1:-4}; shift || true
backends=("$@"); [ ${#backends[@]} -gt 0 ] || backends=(ours)
bash ops/bench/install-bench-tools.sh
mvn -q -B -ntp -DskipTests -pl ops/bench -am package
read -r -a flags < grid-node/bin/hazelcast-jvm-flags
cp=ops/bench/target/benchmarks.jar:ops/bench/target/peers/hazelcast-wm-jakarta.jar
work=ops/bench/target/drift; mkdir -p "$work"
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true' EXIT
ticks=$(getconf CLK_TCK)
for backend in "${backends[@]}"; do
  case "$backend" in
    ours) args=(--backend ours --mode embedded --read-mode sticky --cluster drift --member-port 15790) ;;
    hazelcast-wm) args=(--backend hazelcast-wm --cluster drift-wm --member-port 15790) ;;
    local) args=(--backend local) ;;
    *) echo "BACKEND must be ours, hazelcast-wm or local, got $backend" >&2; exit 2 ;;
  esac
  log="$work/$backend-app.log"; gc="$work/$backend-gc.log"
  java "${flags[@]}" -Xms1g -Xmx1g -XX:+PrintCompilation "-Xlog:gc:file=$gc:uptime" -cp "$cp" \
    io.sessiongrid.bench.http.BenchApp "${args[@]}" --port 18093 > "$log" 2>&1 &
  pid=$!
  until grep -q READY "$log"; do kill -0 "$pid" || { tail "$log"; exit 1; }; sleep 0.5; done
  for n in $(seq 1 1000); do
    curl -s -D - -o /dev/null "http://127.0.0.1:18093/login?n=$n" | grep -o '^Set-Cookie: [^;]*' \
      | sed 's/Set-Cookie: //' | paste -sd ';'
  done > "$work/cookies.txt"
  wrk -t2 -c32 -d120s -s ops/bench/src/main/resources/io/sessiongrid/bench/http/mix.lua http://127.0.0.1:18093 -- "$work/cookies.txt" 50 > /dev/null
  gc_from=$(wc -l < "$gc")
  for r in $(seq 1 "$rounds"); do
    for share in 95 50; do
      wrk -t2 -c32 -d5s -s ops/bench/src/main/resources/io/sessiongrid/bench/http/mix.lua http://127.0.0.1:18093 -- "$work/cookies.txt" "$share" > /dev/null
      lines=$(wc -l < "$log"); cpu=$(awk '{print $14 + $15}' "/proc/$pid/stat")
      rps=$(wrk -t2 -c32 -d10s -s ops/bench/src/main/resources/io/sessiongrid/bench/http/mix.lua http://127.0.0.1:18093 -- "$work/cookies.txt" "$share" \
        | awk '/Requests\/sec/ {print $2}')
      used=$(( $(awk '{print $14 + $15}' "/proc/$pid/stat") - cpu ))
      echo "$backend round $r, $share% reads: $rps req/s, $(awk -v u="$used" -v t="$ticks" -v r="$rps" \
        'BEGIN {printf "%.0f", u * 1e6 / t / (r * 10)}') us of app CPU per request, $(( $(wc -l < "$log") - lines )) methods compiled"
    done
  done
  tail -n +"$((gc_from + 1))" "$gc" | awk -v b="$backend" '/Pause Young/ {n++; split($0, a, "->"); split(a[2], h, "M"); after = h[1];
    p = $NF; sub(/ms/, "", p); if (p + 0 > max) max = p + 0} END {printf "%s: %d young collections in the rounds, heap after the last %s MB, longest pause %.1f ms\n", b, n, after, max}'
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
done
