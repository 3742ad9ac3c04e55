#!/usr/bin/env bash
# Memory and scale: heap per stored copy of a session with a 1 KB payload, ours beside a plain IMap holding the
# same payload, at 100,000 and 1,000,000 sessions, with one and with three members (one backup).
#   ops/bench/run-memory.sh                          the full run (about 15 minutes on 2 cores), docs/bench/memory.md
#   ops/bench/run-memory.sh --sessions 100000 --members 3
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
mvn -q -B -ntp -DskipTests -pl ops/bench -am package
mkdir -p docs/bench
read -r -a flags < grid-node/bin/hazelcast-jvm-flags
exec java "${flags[@]}" -Xms12g -Xmx12g -XX:+UseG1GC -cp ops/bench/target/benchmarks.jar \
  io.sessiongrid.bench.MemoryBenchmark --out docs/bench/memory.md "$@"
