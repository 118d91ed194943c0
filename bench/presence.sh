#!/usr/bin/env bash
# Issue 16, item 3: the time for 1,000 and 5,000 members to join one room, with presence announced
# per user (room:<id>, user-joined) and batched (hall:<id>, presence:diff), on one Payara node.
#   bench/presence.sh          # ~5 min; prints the rows and keeps them in bench/results/presence-*.csv
# The server on core 0, the load generator on core 1; everything on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
results=bench/results
mkdir -p "$results"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
csv="$results/presence-$stamp.csv"
# the load generator creates its rooms over REST without a credential (development mode,
# 127.0.0.1 only)
export ROOMCAST_API_INSECURE=${ROOMCAST_API_INSECURE:-true}
jvm_opts=${BENCH_JVM_OPTS:-"-Xms1g -Xmx2g -XX:+UseG1GC"}
jdk25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
server_java=${BENCH_SERVER_JAVA:-$([ -x "$jdk25" ] && echo "$jdk25" || echo java)}
war=${BENCH_WAR:-target/roomcast.war}
port=${BENCH_PORT:-9111}
sizes=${BENCH_SIZES:-1000,5000}
ulimit -n "$(ulimit -Hn)" || true

if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  mvn -B -q package -DskipTests -Dspotless.check.skip=true
  mvn -B -q -f bench/pom.xml package -DskipTests
fi
bench_cp="bench/target/classes:$(cat bench/target/classpath.txt)"
taskset -c 0 "$server_java" $jvm_opts -jar target/payara-micro.jar --nocluster --disablephonehome \
  --prebootcommandfile server-config/preboot.asadmin --port "$port" --deploy "$war" \
  --contextroot / > "$results/presence-$stamp.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do
  curl -sf -o /dev/null "http://127.0.0.1:$port/api/rooms" && break
  sleep 1
done
taskset -c 1 java -Xms512m -Xmx2g -cp "$bench_cp" dev.roomcast.bench.load.PresenceFill \
  --url "ws://127.0.0.1:$port/ws" --rest "http://127.0.0.1:$port" --pid "$pid" --sizes "$sizes" \
  --out "$csv"
cat "$csv"
