#!/usr/bin/env bash
# Kakapo's DHCPv4 allocation rate and latency by lease store and by shape, on one machine:
# the all-in-one server, and three coordinators with a server node.
#
# usage: perf/bench/cluster.sh [--runs N] [--period S] [--warmup S] [--clients N]
#                              [--stores LIST] [--shapes LIST] [--keep]
#
#   --runs N       measured runs per scenario; the table shows the median (default 3)
#   --period S     seconds per measured run (default 5)
#   --warmup S     seconds of unmeasured load at 1000 DORA/s before each run (default 5)
#   --clients N    distinct clients of the generator, its -R (default 100000)
#   --stores LIST  comma-separated: memfile, postgresql, cql (default all three)
#   --shapes LIST  comma-separated: all-in-one, cluster (default both)
#   --keep         keep the work folder (configurations, logs, generator output)
#
# Run as root on Debian or Ubuntu from a checkout. It installs PostgreSQL and jq with apt-get
# when missing, builds Kakapo when server/target/kakapo.jar or perf/target/kakapo-perf.jar is
# missing, and runs everything on 127.0.0.0/8. See docs/benchmarks.md.
set -euo pipefail

usage() { sed -n '5,13p' "$0" | sed 's/^# \{0,1\}//'; }

runs=3
period=5
warmup=5
clients=100000
stores=memfile,postgresql,cql
shapes=all-in-one,cluster
keep=no
while (($#)); do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --period) period=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --clients) clients=$2; shift 2 ;;
    --stores) stores=$2; shift 2 ;;
    --shapes) shapes=$2; shift 2 ;;
    --keep) keep=yes; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "cluster.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done
for n in "$runs" "$period" "$warmup" "$clients"; do
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "cluster.sh: '$n' is not a positive whole number" >&2; exit 2; }
done
# The pool is 198.18.0.0/15, the range RFC 2544 keeps for benchmarks: 131,070 addresses, which
# the warm-up's clients and the run's share.
((clients + warmup * 1000 <= 131000)) || { echo "cluster.sh: --clients $clients and the warm-up's $((warmup * 1000)) exceed the 131,070-address pool" >&2; exit 2; }
IFS=, read -r -a store_list <<<"$stores"
IFS=, read -r -a shape_list <<<"$shapes"
for s in "${store_list[@]}"; do
  [[ "$s" == memfile || "$s" == postgresql || "$s" == cql ]] || { echo "cluster.sh: unknown store '$s'" >&2; exit 2; }
done
for s in "${shape_list[@]}"; do
  [[ "$s" == all-in-one || "$s" == cluster ]] || { echo "cluster.sh: unknown shape '$s'" >&2; exit 2; }
done
if ((EUID != 0)); then
  echo "cluster.sh: run as root (apt-get, and PostgreSQL runs as its own user)" >&2
  exit 1
fi

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
kakapo="$repo/bin/kakapo"
log() { printf '%s  %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
wants() { [[ ",$stores," == *",$1,"* ]]; }

# ---------------------------------------------------------------------------------------------
# What it needs

missing=()
command -v jq >/dev/null || missing+=(jq)
if wants postgresql && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  missing+=(postgresql)
fi
if ((${#missing[@]})); then
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q "${missing[@]}" >/dev/null ||
    { apt-get update -q >/dev/null && apt-get install -y -q "${missing[@]}" >/dev/null; }
fi
if [[ ! -f "$repo/server/target/kakapo.jar" || ! -f "$repo/perf/target/kakapo-perf.jar" ]] ||
   { wants cql && [[ ! -f "$repo/coordinator/cassandra-test-server/target/cassandra.classpath" ]]; }; then
  log "building Kakapo (mvn -q -B -DskipTests package)"
  (cd "$repo" && mvn -q -B -DskipTests package)
fi
clk_tck=$(getconf CLK_TCK)
cpus=$(nproc)

work=$(mktemp -d /var/tmp/kakapo-cluster-bench.XXXXXX)
chmod 755 "$work"
# Every process runs from copies of the jars, so a rebuild during the benchmark does no harm.
mkdir -p "$work/jars"
cp -p "$repo/server/target/kakapo.jar" "$repo/perf/target/kakapo-perf.jar" "$work/jars/"
export KAKAPO_JAR="$work/jars/kakapo.jar" KAKAPO_PERF_JAR="$work/jars/kakapo-perf.jar"
source_commit=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?')
[[ -z "$(git -C "$repo" status --porcelain 2>/dev/null)" ]] || source_commit+=" plus uncommitted changes"

# ---------------------------------------------------------------------------------------------
# Processes and clean-up

# launch_kakapo, await_started, stop_kakapo, ticks, free_port
source "$here/processes.sh"

pg_bin=""
pg_data=""
cassandra_pid=""

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  stop_kakapo
  if [[ -n "$pg_data" && -f "$pg_data/postmaster.pid" ]]; then
    runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  if [[ -n "$cassandra_pid" ]]; then
    kill -TERM "$cassandra_pid" 2>/dev/null || true
    wait "$cassandra_pid" 2>/dev/null || true
  fi
  if [[ "$keep" == yes || ( $status -ne 0 && $status -ne 130 && $status -ne 143 ) ]]; then
    log "work folder kept: $work"
  else
    rm -rf "$work"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The store's server processes: PostgreSQL's postmaster and its children, or Cassandra's JVM.
store_pids() {
  case "$1" in
    postgresql)
      local postmaster
      postmaster=$(head -1 "$pg_data/postmaster.pid" 2>/dev/null) || return 0
      echo "$postmaster" $(pgrep -P "$postmaster" || true) ;;
    cql) echo "$cassandra_pid" ;;
  esac
}

# ---------------------------------------------------------------------------------------------
# Lease stores

pg_port=""
pg_password="bench$$"
start_postgresql() {
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  pg_data="$work/pgsql"
  pg_port=$(free_port)
  install -d -o postgres -g postgres -m 700 "$pg_data"
  install -d -o postgres -g postgres -m 755 "$work/pgsock"
  echo "$pg_password" >"$work/pgsock/password"
  chown postgres "$work/pgsock/password"
  runuser -u postgres -- "$pg_bin/initdb" -D "$pg_data" -A scram-sha-256 -U postgres \
    --pwfile="$work/pgsock/password" >"$work/pgsql-init.log" 2>&1
  rm -f "$work/pgsock/password"
  runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_data" -l "$work/pgsock/postgres.log" -w \
    -o "-c listen_addresses=127.0.0.1 -c port=$pg_port -c unix_socket_directories=$work/pgsock -c max_connections=200" \
    start >>"$work/pgsql-init.log" 2>&1
  log "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port (fsync on, synchronous_commit on)"
}

cassandra_port=""
start_cassandra() {
  local dir="$work/cassandra" storage_port java
  cassandra_port=$(free_port)
  storage_port=$(free_port)
  mkdir -p "$dir"
  cat >"$dir/cassandra.yaml" <<EOF
cluster_name: kakapo-bench
num_tokens: 16
partitioner: org.apache.cassandra.dht.Murmur3Partitioner
commitlog_sync: periodic
commitlog_sync_period: 10000ms
endpoint_snitch: SimpleSnitch
seed_provider:
  - class_name: org.apache.cassandra.locator.SimpleSeedProvider
    parameters:
      - seeds: "127.0.0.1:$storage_port"
listen_address: 127.0.0.1
rpc_address: 127.0.0.1
storage_port: $storage_port
native_transport_port: $cassandra_port
start_native_transport: true
data_file_directories: [$dir/data]
commitlog_directory: $dir/commitlog
saved_caches_directory: $dir/saved_caches
hints_directory: $dir/hints
cdc_raw_directory: $dir/cdc
EOF
  cat >"$dir/logback.xml" <<EOF
<configuration>
  <appender name="FILE" class="ch.qos.logback.core.FileAppender">
    <file>$dir/system.log</file>
    <encoder><pattern>%d %-5level [%thread] %logger{20} %msg%n</pattern></encoder>
  </appender>
  <root level="INFO"><appender-ref ref="FILE"/></root>
</configuration>
EOF
  java=$(command -v java)
  "$java" -Xms1g -Xmx1g \
    --add-exports java.base/jdk.internal.misc=ALL-UNNAMED --add-exports java.base/jdk.internal.ref=ALL-UNNAMED \
    --add-exports java.base/sun.nio.ch=ALL-UNNAMED --add-exports jdk.unsupported/sun.misc=ALL-UNNAMED \
    --add-opens java.base/java.nio=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED \
    --add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/java.io=ALL-UNNAMED \
    --add-opens java.base/jdk.internal.ref=ALL-UNNAMED \
    -Dcassandra.config="file:$dir/cassandra.yaml" -Dlogback.configurationFile="$dir/logback.xml" \
    -Dcassandra-foreground=yes -Dcassandra.storagedir="$dir" -Dcassandra.skip_wait_for_gossip_to_settle=0 \
    -Dcassandra.ring_delay_ms=0 -cp "$(cat "$repo/coordinator/cassandra-test-server/target/cassandra.classpath")" \
    org.apache.cassandra.service.CassandraDaemon >"$dir/stdout.log" 2>&1 &
  cassandra_pid=$!
  local i
  for i in $(seq 1200); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$cassandra_port") 2>/dev/null; then
      log "Cassandra (cassandra-all from the build) on 127.0.0.1:$cassandra_port, commit log synced every 10 s"
      return 0
    fi
    kill -0 "$cassandra_pid" 2>/dev/null || { echo "cluster.sh: Cassandra exited; see $dir" >&2; return 1; }
    sleep 0.1
  done
  echo "cluster.sh: Cassandra did not open its port within 120 s; see $dir" >&2
  return 1
}

# lease_database STORE SHAPE N: the lease-database object of scenario N.
lease_database() {
  case "$1" in
    memfile)
      if [[ "$2" == all-in-one ]]; then
        echo "{ \"type\": \"memfile\", \"name\": \"$work/leases4-$3.csv\", \"lfc-interval\": 0 }"
      else
        # A cluster refuses a per-node lease file: its leases live in the coordinators' memory.
        echo '{ "type": "memfile", "persist": false }'
      fi ;;
    postgresql)
      echo "{ \"type\": \"postgresql\", \"name\": \"kakapo$3\", \"host\": \"127.0.0.1\", \"port\": $pg_port, \"user\": \"postgres\", \"password\": \"$pg_password\" }" ;;
    cql)
      echo "{ \"type\": \"cql\", \"contact-points\": \"127.0.0.1\", \"port\": $cassandra_port, \"keyspace\": \"kakapo$3\" }" ;;
  esac
}

# prepare_store STORE CONFIG N: an empty database or keyspace with Kakapo's schema.
prepare_store() {
  case "$1" in
    postgresql)
      PGPASSWORD=$pg_password "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -q -c "CREATE DATABASE kakapo$3" >/dev/null
      "$kakapo" admin db-init postgresql -c "$2" >"$work/db-init-$3.log" 2>&1 ;;
    cql)
      "$kakapo" admin db-init cql -c "$2" >"$work/db-init-$3.log" 2>&1 ;;
  esac
}

# ---------------------------------------------------------------------------------------------
# One scenario

results=()
instance=0
# start_instance STORE SHAPE: a fresh store (lease file, database or keyspace) and fresh Kakapo
# processes for one run; sets dport, node_log and instance_pids.
dport=""
node_log=""
instance_pids=()
start_instance() {
  local store=$1 shape=$2 n config members="" i hz_ports=()
  instance=$((instance + 1))
  n=$instance
  dport=$(free_port)
  if [[ "$shape" == cluster ]]; then
    for i in 1 2 3; do
      hz_ports+=("$(free_port)")
    done
    members="\"Kakapo\": { \"cluster\": { \"name\": \"kakapo-bench-$$-$n\", \"members\": [ \"127.0.0.1:${hz_ports[0]}\", \"127.0.0.1:${hz_ports[1]}\", \"127.0.0.1:${hz_ports[2]}\" ] } },"
  fi
  config="$work/kakapo-$n.json"
  cat >"$config" <<EOF
{
  $members
  "Dhcp4": {
    "interfaces-config": { "interfaces": [ "lo/127.0.0.1" ] },
    "lease-database": $(lease_database "$store" "$shape" "$n"),
    "valid-lifetime": 86400,
    "renew-timer": 43200,
    "rebind-timer": 75600,
    "loggers": [ { "name": "kakapo-dhcp4", "severity": "INFO" } ],
    "subnet4": [ { "id": 1, "subnet": "198.18.0.0/15", "relay": { "ip-addresses": [ "127.0.0.2" ] },
                   "pools": [ { "pool": "198.18.0.1 - 198.19.255.254" } ] } ]
  }
}
EOF
  prepare_store "$store" "$config" "$n"
  if [[ "$shape" == cluster ]]; then
    for i in 0 1 2; do
      launch_kakapo "$work/coordinator-$n-$i.log" coordinator -c "$config" -p "${hz_ports[i]}" --bind 127.0.0.1
    done
    for i in 0 1 2; do
      await_started "$work/coordinator-$n-$i.log" "${kakapo_pids[i]}"
    done
  fi
  node_log="$work/node-$n.log"
  launch_kakapo "$node_log" dhcp4 -c "$config" -p "$dport"
  await_started "$node_log" "${kakapo_pids[-1]}"
  instance_pids=("${kakapo_pids[@]}")
}

# run_scenario STORE SHAPE: each run on a fresh instance, so every measured exchange allocates a
# new lease and no run inherits a fuller pool from the one before.
run_scenario() {
  local store=$1 shape=$2 r latencies=() rates=() p50s=() p99s=() drops=() kcpu=() scpu=() store_ids
  for ((r = 1; r <= runs; r++)); do
    start_instance "$store" "$shape"
    latencies+=("$(grep -o 'coordinator-call-latency p50=[0-9]*us p99=[0-9]*us' "$node_log" | sed 's/coordinator-call-latency //' || true)")
    store_ids=$(store_pids "$store")
    log "$store, $shape, run $r: warm-up ${warmup} s at 1000 DORA/s"
    "$kakapo" perf -4 -l 127.0.0.2 -L "$dport" -N "$dport" -R "$clients" -b mac=0e:ff:00:00:00:00 \
      -p "$warmup" -r 1000 127.0.0.1 >"$work/warmup-$instance.txt" 2>&1 || true
    local json="$work/run-$instance.json" k0 k1 s0 s1 completed
    k0=$(ticks "${instance_pids[@]}")
    s0=$(ticks $store_ids)
    "$kakapo" perf -4 -l 127.0.0.2 -L "$dport" -N "$dport" -R "$clients" -b mac=0e:00:00:00:00:00 \
      -p "$period" --json 127.0.0.1 >"$json" 2>"$work/run-$instance.err" || true
    k1=$(ticks "${instance_pids[@]}")
    s1=$(ticks $store_ids)
    stop_kakapo
    if ! jq -e . "$json" >/dev/null 2>&1; then
      echo "cluster.sh: the generator wrote no JSON; see $work/run-$instance.err" >&2
      return 1
    fi
    completed=$(jq '[.exchanges[] | select(.name == "REQUEST-ACK")][0].received // 0' "$json")
    rates+=("$(jq '.rate_per_s' "$json")")
    # A DORA's latency: its two exchanges' percentiles added.
    p50s+=("$(jq '[.exchanges[] | select(.name == "DISCOVER-OFFER" or .name == "REQUEST-ACK") | .latency_ms.p50 // 0] | add' "$json")")
    p99s+=("$(jq '[.exchanges[] | select(.name == "DISCOVER-OFFER" or .name == "REQUEST-ACK") | .latency_ms.p99 // 0] | add' "$json")")
    drops+=("$(jq '[.exchanges[] | .drops_percent // 0] | max' "$json")")
    kcpu+=("$(awk -v t=$((k1 - k0)) -v c="$completed" -v hz="$clk_tck" 'BEGIN { printf "%.0f", c ? t / hz * 1e6 / c : 0 }')")
    scpu+=("$(awk -v t=$((s1 - s0)) -v c="$completed" -v hz="$clk_tck" 'BEGIN { printf "%.0f", c ? t / hz * 1e6 / c : 0 }')")
    log "$store, $shape, run $r: $(jq -r '.rate_per_s' "$json") DORA/s"
  done
  results+=("| $store | $shape | $(median "${rates[@]}") | $(median "${p50s[@]}") | $(median "${p99s[@]}") | $(median "${drops[@]}") | $(median "${kcpu[@]}") | $( [[ $store == memfile ]] && echo - || median "${scpu[@]}") | ${latencies[0]:--} |")
}

median() {
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.4g", m }'
}

# ---------------------------------------------------------------------------------------------

log "work folder $work; Kakapo $source_commit; $cpus CPUs; $clients clients; $runs runs of $period s"
if wants postgresql; then start_postgresql; fi
if wants cql; then start_cassandra; fi
for store in "${store_list[@]}"; do
  for shape in "${shape_list[@]}"; do
    run_scenario "$store" "$shape"
  done
done

cat <<EOF

Kakapo $source_commit, $(date -u +%Y-%m-%d), $cpus CPUs ($(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')),
DHCPv4 DORA through a relay on loopback, $clients new clients, median of $runs runs of $period s, each on a
fresh store and fresh processes after a $warmup s warm-up (kakapo perf, closed loop, 256 in flight).
"cluster" is three coordinators and one server node, all on this machine.
CPU is per completed DORA: Kakapo's processes together, and the lease store's server.

| store | shape | DORA/s | p50 ms | p99 ms | drops % | Kakapo CPU µs/DORA | store CPU µs/DORA | node→coordinator call |
|---|---|---:|---:|---:|---:|---:|---:|---|
EOF
printf '%s\n' "${results[@]}"
