#!/usr/bin/env bash
# S4: S1 across two roomcast nodes sharing one Redis (members on node B, the publisher on node A,
# so every delivery crosses Redis), measured in the same run as S1 on a single in-memory node.
#   bench/s4.sh            # ~3 min; prints the rows and keeps them in bench/results/s4-*.csv
# Servers (and Redis) on core 0, the load generator on core 1; everything on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
results=bench/results
mkdir -p "$results"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
csv="$results/s4-$stamp.csv"
# As in run.sh: the peers have no per-connection rate limit. roomcast's default (100 messages/s, burst 200, meant
# for browser clients) refuses a saturating publisher's frames with err:op RATE_LIMITED, and each
# refused publish holds part of the load generator's in-flight window for good: the roomcast
# servers run with the limit raised, as an operator with a high-rate publisher would.
export ROOMCAST_RATE_LIMIT_PER_SECOND=${ROOMCAST_RATE_LIMIT_PER_SECOND:-1000000}
export ROOMCAST_RATE_LIMIT_BURST=${ROOMCAST_RATE_LIMIT_BURST:-1000000}
# the load generator creates its rooms over REST without a credential: the benchmark servers run
# in the development mode, on 127.0.0.1 only
export ROOMCAST_API_INSECURE=${ROOMCAST_API_INSECURE:-true}
jvm_opts=${BENCH_JVM_OPTS:-"-Xms1g -Xmx2g -XX:+UseG1GC"}
# the same JDK as run.sh's JVM servers: Temurin 25 where installed
jdk25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
server_java=${BENCH_SERVER_JAVA:-$([ -x "$jdk25" ] && echo "$jdk25" || echo java)}
redis_port=${BENCH_REDIS_PORT:-6394}
# BENCH_WAR=path/to/roomcast.war runs another build (a baseline) the same way
war=${BENCH_WAR:-target/roomcast.war}

if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  mvn -B -q package -DskipTests -Dspotless.check.skip=true
  mvn -B -q -f bench/pom.xml package -DskipTests
fi
bench_cp="bench/target/classes:$(cat bench/target/classpath.txt)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  redis-cli -h 127.0.0.1 -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
}
trap cleanup EXIT

node() { # port, then environment assignments
  local port=$1; shift
  env "$@" taskset -c 0 "$server_java" $jvm_opts -jar target/payara-micro.jar --nocluster \
    --disablephonehome --prebootcommandfile server-config/preboot.asadmin --port "$port" \
    --deploy "$war" --contextroot / > "$results/s4-$port-$stamp.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 240); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/api/rooms" && return 0
    sleep 0.5
  done
  echo "node on $port not ready" >&2
  return 1
}

load() { # name, pid, members' port, extra options
  local name=$1 pid=$2 port=$3; shift 3
  timeout 300 taskset -c 1 java -Xms512m -Xmx2g -cp "$bench_cp" dev.roomcast.bench.load.LoadRun \
    --server "$name" --flavor roomcast --url "ws://127.0.0.1:$port/ws" --pid "$pid" --jvm \
    --rest "http://127.0.0.1:$port" --rooms 1 --only S4 --out "$csv" "$@" 2>&1 \
    | grep -v '^[A-Z][a-z][a-z] [0-9]' || true
}

echo "== single node, in-memory state"
node 9110 ROOMCAST_STORE=memory
load single "${pids[-1]}" 9110
kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true

echo "== two nodes on one Redis"
taskset -c 0 redis-server --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no \
  --daemonize yes --logfile "$results/s4-redis-$stamp.log"
shared=(ROOMCAST_STORE=redis "REDIS_URL=redis://127.0.0.1:$redis_port" "ROOMCAST_REDIS_PREFIX=s4-$stamp:")
node 9111 "${shared[@]}"
node 9112 "${shared[@]}"
load two-nodes "${pids[-1]}" 9112 --publish-url ws://127.0.0.1:9111/ws

echo "== $csv"
cat "$csv"
