#!/usr/bin/env bash
# Runs the whole comparison: builds roomcast and the peers, starts each server pinned to core 0,
# drives it with the same load generator pinned to core 1, and writes docs/benchmarks.md.
#   bench/run.sh                 # full comparison (~12 min)
#   bench/run.sh --smoke         # small sizes, to check the harness (~3 min)
#   BENCH_SERVERS="roomcast ws" bench/run.sh --only S1
#   BENCH_SERVERS="roomcast wildfly" bench/run.sh --only S1   # the WAR on Payara and on WildFly
#   BENCH_SERVERS="roomcast-sio socketio" bench/run.sh --only S1,S2   # Socket.IO against Socket.IO
#   bench/run.sh --big           # also S1's 5k step and S5: 50,000 idle connections on one node
#   BENCH_SERVERS="roomcast ws" bench/run.sh --only S5 --big          # S5 alone (~5 min a server)
#   BENCH_S5_OPTS="--s5 5000" ... # S5's options: --s5 N --s5-sources K --s5-seconds S --s5-room M
# Everything binds and connects to 127.0.0.1 only; each server is stopped when its run ends.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

scale=full
only=""
big=""
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) scale=smoke ;;
    --only) only="$2"; shift ;;
    --big) big="--big" ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
# --big adds S5 (50,000 idle connections) to the default scenarios; --only names them exactly
only=${only:-$([ -n "$big" ] && echo S1,S2,S3,S5 || echo S1,S2,S3)}
s5=""
[[ ",$only," == *",S5,"* ]] && s5=yes
servers=${BENCH_SERVERS:-"roomcast roomcast-sio tyrus ws socketio spring"}
# Every JVM server (roomcast, bare Tyrus, Spring, baseline) runs on the same JDK: Temurin 25 where
# it is installed (measured faster for roomcast), else the default java. "roomcast17" (S1 only)
# runs the same WAR on the default JDK 17, to show what the JDK alone changes.
jdk25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
server_java=${BENCH_SERVER_JAVA:-$([ -x "$jdk25" ] && echo "$jdk25" || echo java)}
if [ -z "${BENCH_SERVERS:-}" ] && [ "$server_java" != java ]; then
  servers="$servers roomcast17"
fi
# BENCH_BASELINE_WAR=path/to/roomcast.war adds "baseline": roomcast before a change, in every
# scenario run, for before/after figures in one run. BENCH_BASELINE_PREBOOT=file starts it with
# another preboot command file instead (the same WAR with, say, another thread pool size).
if [ -n "${BENCH_BASELINE_WAR:-}" ]; then
  servers="$servers baseline"
fi
# The peers have no per-connection rate limit. roomcast's default (100 messages/s, burst 200, meant
# for browser clients) refuses a saturating publisher's frames with err:op RATE_LIMITED, and each
# refused publish holds part of the load generator's in-flight window for good: the roomcast
# servers run with the limit raised, as an operator with a high-rate publisher would.
export ROOMCAST_RATE_LIMIT_PER_SECOND=${ROOMCAST_RATE_LIMIT_PER_SECOND:-1000000}
export ROOMCAST_RATE_LIMIT_BURST=${ROOMCAST_RATE_LIMIT_BURST:-1000000}
# the load generator creates its rooms over REST without a credential: the benchmark servers run
# in the development mode, on 127.0.0.1 only
export ROOMCAST_API_INSECURE=${ROOMCAST_API_INSECURE:-true}
# S5 needs no other roomcast limit raised: /ws has no per-address or global connection limit and
# no handshake rate limit (ROOMCAST_PUBLIC_CONNECTIONS_PER_IP counts /public-room sockets only).
# Idle connections get a transport ping every 25 s, which the load generator answers.
jvm_opts=${BENCH_JVM_OPTS:-"-Xms1g -Xmx2g -XX:+UseG1GC"}
client_heap=2g
load_timeout=420
if [ -n "$s5" ]; then
  # about 38 KiB of live heap per idle connection on Payara (docs/benchmarks.md, "Heap per idle
  # connection"): 50,000 are about 1.9 GiB, more than -Xmx2g holds with room to collect in. Under
  # S5 every JVM server gets a 6 GiB cap, also in S1-S3 of the same run.
  jvm_opts=${BENCH_JVM_OPTS:-"-Xms1g -Xmx6g -XX:+UseG1GC"}
  client_heap=4g
  load_timeout=$((420 + 600)) # S5: up to 240 s opening, joins, the steps and closing
fi
server_cpu=${BENCH_SERVER_CPU:-0}
client_cpu=${BENCH_CLIENT_CPU:-1}
results="bench/results"
mkdir -p "$results"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
csv="$results/run-$stamp.csv"
meta="$results/run-$stamp.meta"

# 10,000 connections need 10,000 descriptors on each side, S5's 50,000 need 50,000 and more: root
# may raise the hard limit (up to fs.nr_open), anyone else gets the hard limit it has. Servers and
# the load generator inherit it from this shell.
want_files=${BENCH_NOFILE:-200000}
nr_open=$(cat /proc/sys/fs/nr_open 2>/dev/null || echo "$want_files")
[ "$want_files" -gt "$nr_open" ] && want_files=$nr_open
if [ "$(ulimit -Hn)" != unlimited ] && [ "$(ulimit -Hn)" -lt "$want_files" ]; then
  ulimit -Hn "$want_files" 2>/dev/null || echo "== cannot raise the descriptor hard limit above $(ulimit -Hn) (needs root with CAP_SYS_RESOURCE; a container may drop it)" >&2
fi
ulimit -n "$(ulimit -Hn)" || true
if [ -n "$s5" ] && [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt 60000 ]; then
  echo "== S5 needs about 50,000 descriptors per process, the limit is $(ulimit -n): S5 stays 1,000 below it" >&2
fi

if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  echo "== building roomcast, the bench module and the peers"
  mvn -B -q package -DskipTests -Dspotless.check.skip=true
  mvn -B -q -f bench/pom.xml package -DskipTests
  mvn -B -q -f bench/peers/spring/pom.xml package -DskipTests
  (cd bench/peers/node && npm ci --no-audit --no-fund --loglevel=error)
fi
wildfly_home=target/wildfly-39.0.1.Final
if [[ " $servers " == *" wildfly "* ]] && [ ! -x "$wildfly_home/bin/standalone.sh" ]; then
  mvn -B -q dependency:unpack@unpack-wildfly
fi
bench_cp="bench/target/classes:$(cat bench/target/classpath.txt)"

{
  echo "date=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs) x $(nproc)"
  echo "memory=$(free -g | awk '/Mem:/{print $2}') GiB"
  echo "java=$(java -version 2>&1 | head -1)"
  echo "server_java=$("$server_java" -version 2>&1 | head -1)"
  echo "node=$(node --version)"
  echo "load_before=$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "others_before=$(pgrep -fc 'maven|payara-micro' || true) maven/payara processes"
  echo "scale=$scale"
  echo "nofile=$(ulimit -n)"
  echo "server_jvm_opts=$jvm_opts"
} > "$meta"

wait_port() {
  local port=$1 pid=$2
  for _ in $(seq 1 240); do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "server exited before listening on $port" >&2
      return 1
    fi
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      return 0
    fi
    sleep 0.5
  done
  echo "nothing listens on $port after 120 s" >&2
  return 1
}

run_one() {
  local name=$1
  local port flavor path jvm="" rest="" pid log="$results/$1-$stamp.log"
  case "$name" in
    roomcast)
      port=9100; flavor=roomcast; path=/ws; jvm=--jvm; rest="--rest http://127.0.0.1:$port"
      taskset -c "$server_cpu" "$server_java" $jvm_opts -jar target/payara-micro.jar --nocluster \
        --disablephonehome --prebootcommandfile server-config/preboot.asadmin --port $port \
        --deploy target/roomcast.war --contextroot / > "$log" 2>&1 &
      ;;
    roomcast-sio)
      # the same WAR, driven through its Socket.IO endpoint by the load generator's Socket.IO
      # client (B9), beside Node Socket.IO: what speaking Socket.IO costs roomcast
      port=9110; flavor=roomcast_sio; path="/socket.io/?EIO=4&transport=websocket"; jvm=--jvm
      rest="--rest http://127.0.0.1:$port"
      taskset -c "$server_cpu" "$server_java" $jvm_opts -jar target/payara-micro.jar --nocluster \
        --disablephonehome --prebootcommandfile server-config/preboot.asadmin --port $port \
        --deploy target/roomcast.war --contextroot / > "$log" 2>&1 &
      ;;
    roomcast17)
      # the same WAR on the machine's default JDK (17), for the JDK's share of the figures
      port=9106; flavor=roomcast; path=/ws; jvm=--jvm; rest="--rest http://127.0.0.1:$port"
      taskset -c "$server_cpu" java $jvm_opts -jar target/payara-micro.jar --nocluster \
        --disablephonehome --prebootcommandfile server-config/preboot.asadmin --port $port \
        --deploy target/roomcast.war --contextroot / > "$log" 2>&1 &
      ;;
    baseline)
      # roomcast as built from another revision (BENCH_BASELINE_WAR), for before/after figures
      port=9105; flavor=roomcast; path=/ws; jvm=--jvm; rest="--rest http://127.0.0.1:$port"
      taskset -c "$server_cpu" "$server_java" $jvm_opts -jar target/payara-micro.jar --nocluster \
        --disablephonehome --prebootcommandfile "${BENCH_BASELINE_PREBOOT:-server-config/preboot.asadmin}" \
        --port $port --deploy "$BENCH_BASELINE_WAR" --contextroot / > "$log" 2>&1 &
      ;;
    wildfly)
      # the same WAR on WildFly 39 from its own server directory, every listener on 127.0.0.1
      port=9107; flavor=roomcast; path=/ws; jvm=--jvm; rest="--rest http://127.0.0.1:$port"
      local wf_base="$results/wildfly-base-$stamp"
      mkdir -p "$wf_base/deployments"
      cp -r "$wildfly_home/standalone/configuration" "$wf_base/"
      cp target/roomcast.war "$wf_base/deployments/"
      rm -f "$results/wildfly-$stamp.pid"
      LAUNCH_JBOSS_IN_BACKGROUND=true JBOSS_PIDFILE="$root/$results/wildfly-$stamp.pid" \
        JAVA="$server_java" \
        JAVA_OPTS="$jvm_opts -Djava.net.preferIPv4Stack=true -Djboss.modules.system.pkgs=org.jboss.byteman -Djava.awt.headless=true" \
        taskset -c "$server_cpu" "$wildfly_home/bin/standalone.sh" -b 127.0.0.1 -bmanagement 127.0.0.1 \
        -Djboss.http.port=$port -Djboss.https.port=9108 -Djboss.management.http.port=9109 \
        -Djboss.server.base.dir="$root/$wf_base" > "$log" 2>&1 &
      ;;
    tyrus)
      port=9104; flavor=roomcast; path=/ws; jvm=--jvm
      taskset -c "$server_cpu" "$server_java" $jvm_opts -cp "$bench_cp" dev.roomcast.bench.tyrus.TyrusPeer \
        $port 1001 > "$log" 2>&1 &
      ;;
    ws)
      port=9101; flavor=plain; path=/
      taskset -c "$server_cpu" node bench/peers/node/ws-server.js $port > "$log" 2>&1 &
      ;;
    socketio)
      port=9102; flavor=socketio; path="/socket.io/?EIO=4&transport=websocket"
      taskset -c "$server_cpu" node bench/peers/node/socketio-server.js $port > "$log" 2>&1 &
      ;;
    spring)
      port=9103; flavor=plain; path=/ws; jvm=--jvm
      taskset -c "$server_cpu" "$server_java" $jvm_opts -jar bench/peers/spring/target/spring-peer.jar \
        --server.port=$port > "$log" 2>&1 &
      ;;
    *) echo "unknown server $name" >&2; return 1 ;;
  esac
  pid=$!
  echo "== $name (pid $pid, port $port)"
  local probe=$pid
  if [ "$name" = wildfly ]; then
    for _ in $(seq 1 60); do [ -s "$results/wildfly-$stamp.pid" ] && break; sleep 0.5; done
    probe=$(cat "$results/wildfly-$stamp.pid") # standalone.sh's java: what the probe measures
  fi
  if wait_port "$port" "$pid"; then
    if [ -n "$rest" ]; then # the WAR deploys after the listener opens
      for _ in $(seq 1 120); do
        curl -sf -o /dev/null "http://127.0.0.1:$port/api/rooms" && break
        sleep 1
      done
    fi
    timeout "$load_timeout" taskset -c "$client_cpu" java -Xms512m "-Xmx$client_heap" -cp "$bench_cp" \
      dev.roomcast.bench.load.LoadRun --server "$name" --flavor "$flavor" \
      --url "ws://127.0.0.1:$port$path" --pid "$probe" $jvm $rest --scale "$scale" \
      --only "$(case "$name" in roomcast17|wildfly) echo S1 ;; roomcast-sio) echo "${only//S3/}" ;;
        *) echo "$only" ;; esac)" $big ${BENCH_S5_OPTS:-} \
      --out "$csv" 2>&1 | grep -v '^[A-Z][a-z][a-z] [0-9]' || true
  fi
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

for server in $servers; do
  run_one "$server"
done

{
  echo "load_after=$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "others_after=$(pgrep -fc 'maven|payara-micro' || true) maven/payara processes"
} >> "$meta"

java -cp "$bench_cp" dev.roomcast.bench.load.Report "$csv" "$meta" docs/benchmarks.md
echo "== results: $csv, docs/benchmarks.md"
