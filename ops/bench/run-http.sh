#!/usr/bin/env bash
# The HTTP benchmark, every process on its own: the application (Jetty 12 + ShopServlet, or the same paths as a
# Spring Boot application, servlet or WebFlux, for the boot-* and webflux-* rows) in one JVM per backend,
# grid-node JVMs, a redis-server for Spring Session Data Redis, hazelcast-wm 5.0 rewritten for Jakarta Servlet by
# Tomcat's migration tool (as its users do), and the load from wrk. Writes docs/bench/http.md and http.png.
#   ops/bench/run-http.sh                     every topology, both workloads, 1,000 sessions, 32 connections,
#                                             120 s JIT warm-up per deployment, then 5 s warm-up and 10 s measured
#                                             per workload, 2 passes (about 75 minutes; --passes 1: about 37)
#   ops/bench/run-http.sh --topologies local,ours-embedded-sticky --workloads read-heavy --passes 1
#   ops/bench/run-http.sh --topologies local,hazelcast-wm,ours-embedded-sticky --rounds 5
#                                             every deployment up at once, then 5 rounds that each measure every
#                                             topology in turn: a ratio per round, ours and the peer minutes apart
#                                             options: --sessions --connections --threads --warmup --seconds
#                                             --passes | --rounds --topologies --workloads --load wrk|java --heap
#                                             --jit-warmup SECONDS
# Needs wrk and redis-server: install-bench-tools.sh installs them (as root, with apt-get).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
bash ops/bench/install-bench-tools.sh
mvn -q -B -ntp -DskipTests -pl ops/bench,ops/bench-boot -am package
boot_jar=$(ls ops/bench-boot/target/bench-boot-*-exec.jar | head -n 1)
peers=ops/bench/target/peers
mkdir -p "$peers" docs/bench
if [ ! -f "$peers/hazelcast-wm-jakarta.jar" ]; then
  mvn -q -B -ntp dependency:copy -Dartifact=com.hazelcast:hazelcast-wm:5.0 -DoutputDirectory="$peers"
  mvn -q -B -ntp dependency:copy -Dartifact=org.apache.tomcat:jakartaee-migration:1.0.9:jar:shaded \
    -DoutputDirectory="$peers"
  java -jar "$peers/jakartaee-migration-1.0.9-shaded.jar" "$peers/hazelcast-wm-5.0.jar" \
    "$peers/hazelcast-wm-jakarta.jar" >/dev/null
fi
exec java -cp ops/bench/target/benchmarks.jar io.sessiongrid.bench.http.HttpRun --out docs/bench/http.md \
  --work ops/bench/target/http-bench --wm-jar "$peers/hazelcast-wm-jakarta.jar" --boot-jar "$boot_jar" \
  --jvm-flags grid-node/bin/hazelcast-jvm-flags "$@"
