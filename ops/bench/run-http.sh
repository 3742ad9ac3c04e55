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
#   ops/bench/run-http.sh --topologies ours-embedded-sticky,ours-embedded-sticky@baseline --rounds 5 \
#       --baseline-rev HEAD~3                 this build against another commit's, in the same rounds: NAME@baseline
#                                             runs NAME's application and grid-nodes from REV, built in a git
#                                             worktree under ops/bench/target/baseline/
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
args=()
while [ $# -gt 0 ]; do
  if [ "$1" = --baseline-rev ] && [ $# -ge 2 ]; then
    rev=$(git rev-parse --verify "$2^{commit}")
    tree="ops/bench/target/baseline/$rev"
    if [ ! -f "$tree/ops/bench/target/benchmarks.jar" ]; then
      git worktree prune
      [ -d "$tree" ] || git worktree add --detach "$tree" "$rev" >/dev/null
      (cd "$tree" && mvn -q -B -ntp -DskipTests -pl ops/bench -am package)
    fi
    args+=(--baseline "$tree/ops/bench/target/benchmarks.jar" --baseline-rev "$2")
    shift 2
  else
    args+=("$1")
    shift
  fi
done
exec java -cp ops/bench/target/benchmarks.jar io.sessiongrid.bench.http.HttpRun --out docs/bench/http.md \
  --work ops/bench/target/http-bench --wm-jar "$peers/hazelcast-wm-jakarta.jar" --boot-jar "$boot_jar" \
  --jvm-flags grid-node/bin/hazelcast-jvm-flags "${args[@]}"
