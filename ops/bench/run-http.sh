#!/usr/bin/env bash
# HTTP benchmark: one application in embedded Jetty 12 over container-local sessions (the peer), over ours (our
# filter over the in-process store; embedded member and thin client, each STICKY and VALIDATED) and over Spring
# Session (Data Redis on a redis-server of its own, Hazelcast on three members), read-heavy and write-heavy, in
# one run. Needs redis-server: install-redis.sh installs it.
#   ops/bench/run-http.sh                       1,000 sessions, 32 users, 5 s warm-up, 10 s measured, median of
#                                               3 rounds with the backends' order rotated (about 17 min)
#   ops/bench/run-http.sh --seconds 60 ...      options: --sessions --connections --warmup --seconds --rounds
#                                               --backends a,b --workloads read-heavy,write-heavy
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
bash ops/bench/install-redis.sh
mvn -q -B -ntp -DskipTests -pl ops/bench -am package
mkdir -p docs/bench
read -r -a flags < grid-node/bin/hazelcast-jvm-flags
exec java "${flags[@]}" -Xmx4g -cp ops/bench/target/benchmarks.jar io.sessiongrid.bench.HttpBenchmark \
  --out docs/bench/http.md "$@"
