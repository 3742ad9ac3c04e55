#!/usr/bin/env bash
# Micro-benchmarks (JMH): the store's operations against the in-process store as peer, embedded member and thin
# client on a three-member grid on 127.0.0.1, sessions of 1 KB and 32 KB; encryption against plain values; and a 1 KB
# application-class value encoded and decoded by the store against Hazelcast's own serialization.
#   ops/bench/run-micro.sh                 full run (about 15 minutes on 2 cores), report in docs/bench/micro.md
#   ops/bench/run-micro.sh --quick         fewer iterations
#   ops/bench/run-micro.sh Encryption      only the benchmarks matching a JMH include pattern
#   ops/bench/run-micro.sh CodecBenchmark --out docs/bench/codec.md   and the report elsewhere
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
mvn -q -B -ntp -DskipTests -pl ops/bench -am package
mkdir -p docs/bench
exec java -cp ops/bench/target/benchmarks.jar io.sessiongrid.bench.MicroReport --out docs/bench/micro.md "$@"
