#!/usr/bin/env bash
# Profiles one grid-node (or the application) under the HTTP benchmark's load (READ_PERCENT of the requests
# read, the rest write; 50 is the write-heavy mix, 95 the read-heavy one), every process on its own: NODES
# grid-node JVMs, the benchmark application as their thin client (NODES=0: the application is the one embedded
# member, and the target), wrk. The CPU profile (async-profiler 4.1 from Maven Central, kernel frames included) of
# node 1 (TARGET=node) or of the application (TARGET=app) over 15 s, after a warm-up, goes to OUT in collapsed form
# (one stack per line, for flame graphs or grep), and each process's CPU over the same 15 s is printed.
# EVENT=alloc in the environment records where the target allocates (sampled heap allocations) instead of CPU.
# BACKEND=hazelcast-wm (with NODES=0) profiles the peer's application over its one embedded member instead of ours,
# for a comparison thread by thread; it needs run-http.sh's peers folder (run-http.sh makes it once).
# The six arguments are positional, each with its default when left off (give the earlier ones to set a later one):
#   ops/bench/profile-grid.sh [NODES [READ_MODE [WARMUP_SECONDS [OUT [TARGET [READ_PERCENT]]]]]]
#                             defaults: 3 sticky 120 ops/bench/target/grid-profile.txt node 50
#   ops/bench/profile-grid.sh 0 sticky 120 ops/bench/target/emb-write.txt app 50
#                             the embedded application under the write-heavy mix
#   BACKEND=hazelcast-wm ops/bench/profile-grid.sh 0 sticky 120 ops/bench/target/wm-write.txt app 50
# Needs wrk (install-bench-tools.sh) and a kernel that lets a non-root user profile (perf_event_paranoid <= 1)
# or root. Uses ports 15700 (embedded member), 15701+ (grid-nodes), 19701+ (health) and 18083 (application);
# stops what it started by id.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
nodes=${1:-3}; read_mode=${2:-sticky}; warmup=${3:-120}; out=${4:-ops/bench/target/grid-profile.txt}
target=${5:-node}; read_percent=${6:-50}; event=${EVENT:-cpu}
# The profiler writes OUT from inside the target JVM, so it gets an absolute path; a relative OUT is the root's.
case "$out" in /*) ;; *) out="$root/$out" ;; esac
refuse() { echo "$*" >&2; exit 2; }
# An argument's error also says how the arguments are read: NAME=VALUE is the usual mistake.
refuse_argument() { refuse "$*: the arguments are positional (NODES READ_MODE WARMUP_SECONDS OUT TARGET READ_PERCENT), not NAME=VALUE"; }
[[ $nodes =~ ^[0-9]+$ ]] || refuse_argument "NODES, the first argument, must be a number of grid-nodes, got '$nodes'"
case "$read_mode" in sticky|validated) ;; *) refuse_argument "READ_MODE must be sticky or validated, got '$read_mode'" ;; esac
[[ $warmup =~ ^[0-9]+$ ]] || refuse_argument "WARMUP_SECONDS must be a number of seconds, got '$warmup'"
case "$target" in node|app) ;; *) refuse_argument "TARGET must be node or app, got '$target'" ;; esac
[[ $read_percent =~ ^[0-9]+$ ]] && [ "$read_percent" -le 100 ] \
  || refuse_argument "READ_PERCENT must be 0 to 100, got '$read_percent'"
case "$event" in cpu) sampling="event=cpu,interval=997us" ;; alloc) sampling="event=alloc" ;;
  *) refuse "EVENT must be cpu or alloc, got $event" ;; esac
[ "$nodes" -eq 0 ] && target=app
backend=${BACKEND:-ours}
case "$backend" in ours) ;;
  hazelcast-wm) [ "$nodes" -eq 0 ] || refuse "BACKEND=hazelcast-wm runs over its embedded member: NODES=0"
    [ -f ops/bench/target/peers/hazelcast-wm-jakarta.jar ] \
      || refuse "hazelcast-wm's Jakarta jar is missing: run ops/bench/run-http.sh once, it makes it" ;;
  *) refuse "BACKEND must be ours or hazelcast-wm, got $backend" ;; esac
bash ops/bench/install-bench-tools.sh
mvn -q -B -ntp -DskipTests -pl ops/bench -am package
work=ops/bench/target/profile; mkdir -p "$work"
if [ ! -f "$work/linux-x64/libasyncProfiler.so" ]; then
  mvn -q -B -ntp dependency:copy -Dartifact=tools.profiler:async-profiler:4.1 -DoutputDirectory="$work"
  (cd "$work" && jar xf async-profiler-4.1.jar linux-x64/libasyncProfiler.so)
fi
agent="$root/$work/linux-x64/libasyncProfiler.so"
read -r -a flags < grid-node/bin/hazelcast-jvm-flags
cp=ops/bench/target/benchmarks.jar:ops/bench/target/peers/hazelcast-wm-jakarta.jar
members=""
for i in $(seq 0 $((nodes - 1))); do members="$members,127.0.0.1:$((15701 + i))"; done
members=${members#,}
pids=()
stop() { [ ${#pids[@]} -gt 0 ] && kill "${pids[@]}" 2>/dev/null; wait "${pids[@]}" 2>/dev/null || true; }
trap stop EXIT
for i in $(seq 0 $((nodes - 1))); do
  printf 'cluster:\n  name: profile\nnetwork:\n  host: 127.0.0.1\n  port: %s\nhttp:\n  port: %s\njoin:\n  members: [%s]\nlogging:\n  level: warning\n' \
    $((15701 + i)) $((19701 + i)) "$members" > "$work/node$i.yaml"
  java "${flags[@]}" -Xms1g -Xmx1g -cp $cp io.sessiongrid.node.server.GridNodeMain --config "$work/node$i.yaml" \
    > "$work/node$i.log" 2>&1 &
  pids+=($!)
done
for i in $(seq 0 $((nodes - 1))); do
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$((19701 + i))/health/ready")" = 200 ]; do
    kill -0 "${pids[$i]}" || { tail "$work/node$i.log"; exit 1; }
    sleep 0.5
  done
done
if [ "$backend" = hazelcast-wm ]; then
  topology=(--member-port 15700)
elif [ "$nodes" -eq 0 ]; then
  topology=(--mode embedded --member-port 15700 --read-mode "$read_mode")
else
  topology=(--mode client --members "$members" --read-mode "$read_mode")
fi
java "${flags[@]}" -Xms1g -Xmx1g -cp $cp io.sessiongrid.bench.http.BenchApp --backend "$backend" "${topology[@]}" \
  --cluster profile --port 18083 > "$work/app.log" 2>&1 &
pids+=($!)
until grep -q READY "$work/app.log"; do kill -0 "${pids[-1]}" || { tail "$work/app.log"; exit 1; }; sleep 0.5; done
for n in $(seq 1 300); do
  curl -s -D - -o /dev/null "http://127.0.0.1:18083/login?n=$n" | grep -o '^Set-Cookie: [^;]*' | sed 's/Set-Cookie: //' \
    | paste -sd ';'
done > "$work/cookies.txt"
wrk -t2 -c32 -d"${warmup}s" -s ops/bench/src/main/resources/io/sessiongrid/bench/http/mix.lua http://127.0.0.1:18083 -- "$work/cookies.txt" "$read_percent" > /dev/null
node=$([ "$target" = app ] && echo "${pids[-1]}" || echo "${pids[0]}")
jcmd "$node" JVMTI.agent_load "$agent" "\"start,$sampling,threads\"" > /dev/null
declare -A before
for p in "${pids[@]}"; do before[$p]=$(awk '{print $14 + $15}' "/proc/$p/stat"); done
wrk -t2 -c32 -d15s -s ops/bench/src/main/resources/io/sessiongrid/bench/http/mix.lua http://127.0.0.1:18083 -- "$work/cookies.txt" "$read_percent" | grep -E 'Requests/sec'
ticks=$(getconf CLK_TCK)
for i in "${!pids[@]}"; do
  p=${pids[$i]}
  role=$([ "$i" -lt "$nodes" ] && echo "grid-node $((i + 1))" || echo "application")
  echo "$role: $(( ($(awk '{print $14 + $15}' "/proc/$p/stat") - before[$p]) * 100 / ticks / 15 ))% of one core"
done
mkdir -p "$(dirname "$out")"
jcmd "$node" JVMTI.agent_load "$agent" "\"stop,file=$out,collapsed\"" > /dev/null
[ -s "$out" ] || refuse "async-profiler wrote no profile to $out: check that its folder is writable by $(id -un)"
echo "profile of $([ "$target" = app ] && echo "the application" || echo "grid-node 1"): $out"
