#!/usr/bin/env bash
# The Spring Boot sample: two instances of the shop, each an embedded grid member, on 127.0.0.1; a browser may
# use either (no sticky balancer). Builds first if needed; stops both (by process id) on Ctrl-C.
#   samples/spring-boot-shop/run.sh           run until Ctrl-C
#   samples/spring-boot-shop/run.sh --check   start, log in on one instance, read the page on the other, stop
# Ports: SHOP_PORTS (default "8091 8092"), SHOP_GRID_PORTS (default "5801 5802").
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
read -r -a http_ports <<< "${SHOP_PORTS:-8091 8092}"
read -r -a grid_ports <<< "${SHOP_GRID_PORTS:-5801 5802}"
logs="$root/target/spring-boot-shop"
mkdir -p "$logs"

jar=$(ls samples/spring-boot-shop/target/spring-boot-shop-*-exec.jar 2>/dev/null | head -n 1 || true)
if [ -z "$jar" ] || [ -n "$(find grid-client servlet-integration spring-boot-starter samples/spring-boot-shop \
     -name '*.java' -newer "$jar" -print -quit)" ]; then
  echo "building: mvn -DskipTests -pl samples/spring-boot-shop -am package"
  mvn -q -B -ntp -DskipTests -pl samples/spring-boot-shop -am package
  jar=$(ls samples/spring-boot-shop/target/spring-boot-shop-*-exec.jar | head -n 1)
fi
for port in "${http_ports[@]}" "${grid_ports[@]}"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port on 127.0.0.1 is in use; choose others with SHOP_PORTS and SHOP_GRID_PORTS" >&2
    exit 1
  fi
done

pids=()
stop() {
  trap - INT TERM EXIT
  if [ ${#pids[@]} -gt 0 ]; then
    echo "stopping process ids ${pids[*]}"
    kill -TERM "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
  fi
}
trap stop INT TERM EXIT

members=$(printf '127.0.0.1:%s,' "${grid_ports[@]}")
members=${members%,}
read -r -a jvm_flags < grid-node/bin/hazelcast-jvm-flags
names=(A B)
for i in 0 1; do
  java "${jvm_flags[@]}" -jar "$jar" --server.port="${http_ports[$i]}" --shop.instance="${names[$i]}" \
    --sessiongrid.grid.mode=embedded --sessiongrid.cluster.name=shop-grid \
    --sessiongrid.network.port="${grid_ports[$i]}" --sessiongrid.join.members="$members" \
    > "$logs/shop-${names[$i]}.log" 2>&1 &
  pids+=($!)
done
for i in 0 1; do
  deadline=$((SECONDS + 120))
  until grep -q "Started ShopApplication" "$logs/shop-${names[$i]}.log" 2>/dev/null; do
    if ! kill -0 "${pids[$i]}" 2>/dev/null || [ $SECONDS -ge $deadline ]; then
      echo "shop ${names[$i]} did not start; the end of $logs/shop-${names[$i]}.log:" >&2
      tail -n 20 "$logs/shop-${names[$i]}.log" >&2
      exit 1
    fi
    sleep 0.5
  done
done
for i in 0 1; do
  echo "shop ${names[$i]}: http://127.0.0.1:${http_ports[$i]}/  (log $logs/shop-${names[$i]}.log)"
done
echo "users: ann / ann-password, bob / bob-password, admin / admin-password (one session per user)"

if [ "${1:-}" = "--check" ]; then
  cookies=$(mktemp)
  csrf=$(curl -s -c "$cookies" -b "$cookies" "http://127.0.0.1:${http_ports[0]}/login" \
    | grep -o 'name="_csrf" type="hidden" value="[^"]*"' | sed 's/.*value="//; s/"$//')
  curl -s -c "$cookies" -b "$cookies" -o /dev/null --data-urlencode "username=ann" \
    --data-urlencode "password=ann-password" --data-urlencode "_csrf=$csrf" "http://127.0.0.1:${http_ports[0]}/login"
  page=$(curl -s -b "$cookies" "http://127.0.0.1:${http_ports[1]}/")
  rm -f "$cookies"
  if grep -q "instance B; user ann" <<< "$page"; then
    echo "check passed: logged in on A, known on B"
    exit 0
  fi
  echo "check failed: $page" >&2
  exit 1
fi
echo "press Ctrl-C to stop"
wait -n "${pids[@]}" || true
echo "a shop instance stopped; stopping the other" >&2
