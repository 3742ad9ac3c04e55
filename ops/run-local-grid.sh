#!/usr/bin/env bash
# The main job: a local grid of three grid-node processes and two demo instances, all on 127.0.0.1.
# Builds first if needed, prints the URLs, and stops everything it started (by process id) on Ctrl-C.
#   ops/run-local-grid.sh           run until Ctrl-C
#   ops/run-local-grid.sh --check   start, drive one session across both demo instances, stop
# Ports: GRID_PORTS (default "5701 5702 5703"), HEALTH_PORTS (default "9701 9702 9703"), DEMO_PORTS
# (default "8081 8082").
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
read -r -a node_ports <<< "${GRID_PORTS:-5701 5702 5703}"
read -r -a health_ports <<< "${HEALTH_PORTS:-9701 9702 9703}"
read -r -a demo_ports <<< "${DEMO_PORTS:-8081 8082}"
# The defaults of every program (cluster.name session-grid, session.map-name sessions, 127.0.0.1:5701), so that
# gridctl, the demo and the nodes find each other without options.
cluster="session-grid"
logs="$root/target/local-grid"
mkdir -p "$logs"

demo_jar=ops/demo-app/target/demo-app.jar
node_jar=grid-node/target/grid-node.jar
gridctl_jar=ops/gridctl/target/gridctl.jar
if [ ! -f "$node_jar" ] || [ ! -f "$demo_jar" ] || [ ! -f "$gridctl_jar" ] \
   || [ -n "$(find grid-client grid-node servlet-integration ops/demo-app ops/gridctl -name '*.java' -newer "$demo_jar" -print -quit)" ]; then
  echo "building: mvn -DskipTests package"
  mvn -q -B -ntp -DskipTests package
fi

for port in "${node_ports[@]}" "${health_ports[@]}" "${demo_ports[@]}"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port on 127.0.0.1 is in use; choose others with GRID_PORTS, HEALTH_PORTS and DEMO_PORTS" >&2
    exit 1
  fi
done

pids=()
labels=()
stop() {
  trap - INT TERM EXIT
  if [ ${#pids[@]} -gt 0 ]; then
    echo "stopping process ids ${pids[*]}"
    kill -TERM "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
  fi
}
trap stop INT TERM EXIT

wait_for_line() { # file, text, seconds, process id
  local deadline=$((SECONDS + $3))
  until grep -q "$2" "$1" 2>/dev/null; do
    if ! kill -0 "$4" 2>/dev/null; then
      echo "process $4 exited before \"$2\"; the end of $1:" >&2
      tail -n 20 "$1" >&2
      exit 1
    fi
    if [ $SECONDS -ge $deadline ]; then
      echo "timed out waiting for \"$2\" in $1:" >&2
      tail -n 20 "$1" >&2
      exit 1
    fi
    sleep 0.5
  done
}

members=$(printf '127.0.0.1:%s,' "${node_ports[@]}")
members=${members%,}
for i in "${!node_ports[@]}"; do
  SESSIONGRID_CLUSTER_NAME=$cluster SESSIONGRID_NETWORK_PORT=${node_ports[$i]} SESSIONGRID_JOIN_MEMBERS=$members \
    SESSIONGRID_HTTP_PORT=${health_ports[$i]} JAVA_OPTS="-Dsessiongrid.local-node=node$((i + 1)):${node_ports[$i]}" \
    grid-node/bin/grid-node > "$logs/node$((i + 1)).log" 2>&1 &
  pids+=($!)
  labels+=("grid-node $((i + 1)) (port ${node_ports[$i]}, log $logs/node$((i + 1)).log)")
done
for i in "${!node_ports[@]}"; do
  wait_for_line "$logs/node$((i + 1)).log" "grid-node ready" 120 "${pids[$i]}"
done
read -r -a jvm_flags < grid-node/bin/hazelcast-jvm-flags
names=(A B C D)
for i in "${!demo_ports[@]}"; do
  peer=${demo_ports[$(( (i + 1) % ${#demo_ports[@]} ))]}
  java "${jvm_flags[@]}" -jar "$demo_jar" --name "${names[$i]}" --port "${demo_ports[$i]}" --cluster "$cluster" \
    --grid "$members" --peer "http://127.0.0.1:$peer/" > "$logs/demo-${names[$i]}.log" 2>&1 &
  pids+=($!)
  labels+=("demo ${names[$i]} (port ${demo_ports[$i]}, log $logs/demo-${names[$i]}.log)")
done
for i in "${!demo_ports[@]}"; do
  wait_for_line "$logs/demo-${names[$i]}.log" "serving" 60 "${pids[$((${#node_ports[@]} + i))]}"
done

echo "grid members: $members (cluster \"$cluster\"), logs in $logs"
for i in "${!health_ports[@]}"; do
  echo "node $((i + 1)): http://127.0.0.1:${health_ports[$i]}/health/ready and /metrics"
done
for i in "${!demo_ports[@]}"; do
  echo "demo ${names[$i]}: http://127.0.0.1:${demo_ports[$i]}/"
done
gridctl=(java -jar "$gridctl_jar")
if [ "${node_ports[0]}" != 5701 ]; then
  gridctl+=(--client-addresses "$members")
fi
echo "admin: ${gridctl[*]} members   (and: sessions, find --principal NAME, metrics, --help)"

if [ "${1:-}" = "--check" ]; then
  jar=$(mktemp)
  curl -s -c "$jar" -b "$jar" -o /dev/null -X POST "http://127.0.0.1:${demo_ports[0]}/increment"
  curl -s -c "$jar" -b "$jar" -o /dev/null -X POST "http://127.0.0.1:${demo_ports[1]}/increment"
  page=$(curl -s -b "$jar" "http://127.0.0.1:${demo_ports[0]}/")
  rm -f "$jar"
  ready=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${health_ports[0]}/health/ready")
  stored=$("${gridctl[@]}" --json sessions | grep -o '"sessions" : [0-9]*' | head -n 1 | grep -o '[0-9]*$')
  if grep -q "id=counter>2<" <<< "$page" && [ "$ready" = 200 ] && [ "${stored:-0}" -ge 1 ]; then
    "${gridctl[@]}" members
    echo "check passed: one session counted on both demo instances; node 1 ready; gridctl sees $stored session(s)"
    exit 0
  fi
  echo "check failed: $page" >&2
  exit 1
fi
echo "press Ctrl-C to stop"
# Whichever process ends first ends the run: a grid that lost a member without saying so would mislead.
set +e
wait -n "${pids[@]}"
code=$?
for i in "${!pids[@]}"; do
  if ! kill -0 "${pids[$i]}" 2>/dev/null; then
    echo "${labels[$i]}, process ${pids[$i]}, exited (status $code); stopping the others" >&2
  fi
done
exit 1
