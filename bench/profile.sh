#!/usr/bin/env bash
# Profiles roomcast under S1 (or the scenarios given with --only) with JDK Flight Recorder and
# prints the hottest methods. Not part of the comparison; for finding what limits roomcast.
#   bench/profile.sh [roomcast|tyrus] [--only S1] [--smoke]
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:-roomcast}
shift || true
results=bench/results
mkdir -p "$results"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
jfr="$results/profile-$target-$stamp.jfr"
ulimit -n "$(ulimit -Hn)" || true
# The peers have no per-connection rate limit. roomcast's default (100 messages/s, burst 200, meant
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
flight="-XX:StartFlightRecording=filename=$jfr,settings=profile,dumponexit=true"
bench_cp="bench/target/classes:$(cat bench/target/classpath.txt)"
if [ "$target" = roomcast ]; then
  port=9100
  taskset -c 0 "$server_java" $jvm_opts $flight -jar target/payara-micro.jar --nocluster --disablephonehome \
    --prebootcommandfile server-config/preboot.asadmin --port $port --deploy target/roomcast.war \
    --contextroot / > "$results/profile-$stamp.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/api/rooms" && break
    sleep 1
  done
  rest="--rest http://127.0.0.1:$port"
else
  port=9104
  taskset -c 0 "$server_java" $jvm_opts $flight -cp "$bench_cp" dev.roomcast.bench.tyrus.TyrusPeer $port 1001 \
    > "$results/profile-$stamp.log" 2>&1 &
  pid=$!
  sleep 3
  rest=""
fi
timeout 300 taskset -c 1 java -Xmx2g -cp "$bench_cp" dev.roomcast.bench.load.LoadRun \
  --server "$target" --flavor roomcast --url "ws://127.0.0.1:$port/ws" --pid "$pid" --jvm $rest \
  --out "$results/profile-$stamp.csv" --only S1 "$@" 2>&1 | grep '^INFO: [a-z]' || true
kill "$pid"
wait "$pid" 2>/dev/null || true
jfr_tool=/usr/lib/jvm/temurin-25-jdk-amd64/bin/jfr
[ -x "$jfr_tool" ] || jfr_tool=jfr
"$jfr_tool" view --width 200 hot-methods "$jfr" || true
echo "recording: $jfr"
