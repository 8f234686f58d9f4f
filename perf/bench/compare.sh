#!/usr/bin/env bash
# compare.sh — ISC Kea and Kakapo side by side on this machine: the same load generator, the same
# configuration file, one server after the other, never both at once.
#
#   sudo perf/bench/compare.sh [--runs N] [--period S] [--quick] [--only v4|v6] [--loads LIST]
#                              [--clients4 N] [--clients6 N] [--no-pgsql] [--pgsql-loads LIST]
#                              [--no-echo] [--keep]
#
#   --runs N       measured runs per server and scenario (default 3; the table shows the median)
#   --period S     length of each run in seconds (default 15)
#   --quick        1 run of 5 s, a 2 s warm-up, no PostgreSQL: for trying the script
#   --warmup S     length of the warm-up run in seconds (default 15)
#   --only v4|v6   one family only
#   --loads LIST   comma-separated offered loads: "flood" (no -r: as fast as the generator can
#                  send) or a paced rate in exchanges/s (-r); default "flood,5000"
#   --clients4 N   distinct DHCPv4 clients, perfdhcp -R (default 200; the pool has 240 addresses)
#   --clients6 N   distinct DHCPv6 clients, perfdhcp -R (default 100000)
#   --no-pgsql     skip the PostgreSQL lease store rows (Kea's backend and Kakapo's, same server)
#   --pgsql-loads LIST  offered loads of the PostgreSQL rows (default "flood": the rate each sustains)
#   --no-echo      skip the sockets-only rows (kakapo echo4: the ceiling of the sockets, DHCPv4)
#   --keep         keep the work folder (configurations, logs, lease files, generator output)
#
# Each scenario starts the server afresh with an empty lease file in a folder under /var/tmp and
# gives it an unmeasured 15 s warm-up run at 1000 exchanges/s (the JVM compiles its hot paths),
# then the measured runs against the same process. Before each run the script waits (up to 30 s) until the
# server is idle, so that a backlog left by a flood does not spill into the next run. A server's
# CPU time is read from /proc/PID/stat before and after each run.
#
# Runs as root: it installs what is missing with apt-get, and creates two network namespaces
# joined by a veth pair (192.0.2.0/24, 2001:db8:1::/64), removed on exit, Ctrl-C included.
set -euo pipefail

here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
repo=$(cd "$here/../.." && pwd)
kakapo="$repo/bin/kakapo"

runs=3
period=15
warmup=15
only=""
clients4=200
clients6=100000
loads="flood,5000"
pgsql_loads="flood"
warmup_rate=1000
pgsql=yes
echo_rows=yes
keep=no

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; }

while (($#)); do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --period) period=$2; shift 2 ;;
    --quick) runs=1; period=5; warmup=2; pgsql=no; shift ;;
    --warmup) warmup=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    --clients4) clients4=$2; shift 2 ;;
    --clients6) clients6=$2; shift 2 ;;
    --loads) loads=$2; shift 2 ;;
    --no-pgsql) pgsql=no; shift ;;
    --no-echo) echo_rows=no; shift ;;
    --pgsql-loads) pgsql_loads=$2; shift 2 ;;
    --keep) keep=yes; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "compare.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done
IFS=, read -r -a load_list <<<"$loads"
IFS=, read -r -a pgsql_load_list <<<"$pgsql_loads"
for n in "$runs" "$period" "$warmup" "$clients4" "$clients6" "${load_list[@]/flood/1}" "${pgsql_load_list[@]/flood/1}"; do
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "compare.sh: '$n' is not a positive whole number" >&2; exit 2; }
done
[[ -z "$only" || "$only" == v4 || "$only" == v6 ]] || { echo "compare.sh: --only takes v4 or v6" >&2; exit 2; }
((clients4 <= 240)) || { echo "compare.sh: --clients4 $clients4 exceeds the 240-address pool" >&2; exit 2; }

if ((EUID != 0)); then
  echo "compare.sh: run as root (network namespaces, ports 67 and 547, apt-get)" >&2
  exit 1
fi

log() { printf '%s  %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# ---------------------------------------------------------------------------------------------
# Programs

# Stops the Kea daemons a package installation may have started (Debian starts them unless
# policy-rc.d forbids it): by systemd when it runs, else by the pid files Kea writes, checking
# that each pid really is that Kea binary.
stop_packaged_kea() {
  if command -v systemctl >/dev/null && [[ -d /run/systemd/system ]]; then
    systemctl stop kea-dhcp4-server kea-dhcp6-server 2>/dev/null || true
  fi
  local f pid exe
  for f in /run/kea/kea-dhcp4.kea-dhcp4.pid /run/kea/kea-dhcp6.kea-dhcp6.pid; do
    [[ -f "$f" ]] || continue
    pid=$(tr -dc '0-9' <"$f")
    [[ -n "$pid" ]] || continue
    exe=$(readlink "/proc/$pid/exe" 2>/dev/null || true)
    if [[ "$exe" == */kea-dhcp4 || "$exe" == */kea-dhcp6 ]]; then
      log "stopping $exe ($pid), started by its package"
      kill -TERM "$pid" 2>/dev/null || true
    fi
  done
}

install_missing() {
  local missing=()
  command -v kea-dhcp4 >/dev/null || missing+=(kea-dhcp4-server)
  command -v kea-dhcp6 >/dev/null || missing+=(kea-dhcp6-server)
  command -v perfdhcp >/dev/null || missing+=(kea-admin)
  command -v ip >/dev/null || missing+=(iproute2)
  command -v ss >/dev/null || missing+=(iproute2)
  command -v jq >/dev/null || missing+=(jq)
  if [[ "$pgsql" == yes ]] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    missing+=(postgresql)
  fi
  ((${#missing[@]})) || return 0
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q "${missing[@]}" >/dev/null ||
    { apt-get update -q >/dev/null && apt-get install -y -q "${missing[@]}" >/dev/null; }
  stop_packaged_kea
}

install_missing
if [[ ! -f "$repo/server/target/kakapo.jar" ]]; then
  log "building Kakapo (mvn -q -B -DskipTests package)"
  (cd "$repo" && mvn -q -B -DskipTests package)
fi
clk_tck=$(getconf CLK_TCK)

# ---------------------------------------------------------------------------------------------
# Work folder, namespaces, clean-up

work=$(mktemp -d /var/tmp/kakapo-bench.XXXXXX)
chmod 755 "$work"
# The servers and the generator run from a copy of the jar, so a rebuild during the benchmark
# cannot pull it from under a running JVM.
# (A copy taken while Maven writes the jar fails to start: take it again.)
export KAKAPO_JAR="$work/kakapo.jar"
for attempt in 1 2 3 4 5 6; do
  cp -p "$repo/server/target/kakapo.jar" "$KAKAPO_JAR"
  "$kakapo" -v >/dev/null 2>&1 && break
  ((attempt < 6)) || { echo "compare.sh: $repo/server/target/kakapo.jar does not start" >&2; rm -rf "$work"; exit 1; }
  sleep 5
done
source_commit=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?')
[[ -z "$(git -C "$repo" status --porcelain 2>/dev/null)" ]] || source_commit+=" plus uncommitted changes"
kakapo_perf=no
if "$kakapo" perf -h >/dev/null 2>&1; then
  kakapo_perf=yes
fi
id=$$
server_ns="kbench-$id-s"
client_ns="kbench-$id-c"
server_if="kb${id}s"
client_if="kb${id}c"
server_address=192.0.2.1
relay_address=192.0.2.2
server_pid=""
pg_data=""
pg_bin=""
namespaces=()

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if ((status != 0 && status != 130 && status != 143)) && [[ "$keep" == no ]]; then
    log "stopped with status $status; keeping the work folder for a look"
    keep=yes
  fi
  if [[ -n "$generator_pid" ]]; then
    kill -TERM "$generator_pid" 2>/dev/null || true
    wait "$generator_pid" 2>/dev/null || true
  fi
  if [[ -n "$server_pid" ]]; then
    stop_server || true
  fi
  if [[ -n "$pg_data" && -f "$pg_data/postmaster.pid" ]]; then
    ip netns exec "$server_ns" runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  local ns
  for ns in "${namespaces[@]}"; do
    ip netns del "$ns" 2>/dev/null || true
  done
  if [[ "$keep" == yes ]]; then
    log "work folder kept: $work"
  else
    rm -rf "$work"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

make_link() {
  local ns
  for ns in "$server_ns" "$client_ns"; do
    ip netns add "$ns"
    namespaces+=("$ns")
    ip -n "$ns" link set lo up
  done
  ip link add "$server_if" netns "$server_ns" type veth peer name "$client_if" netns "$client_ns"
  ip -n "$server_ns" addr add "$server_address/24" dev "$server_if"
  ip -n "$server_ns" addr add 2001:db8:1::1/64 dev "$server_if" nodad
  ip -n "$client_ns" addr add "$relay_address/24" dev "$client_if"
  ip -n "$server_ns" link set "$server_if" up
  ip -n "$client_ns" link set "$client_if" up
  # Both ends need a usable link-local address: the DHCPv6 generator sends from it and the
  # server answers to it. Duplicate address detection takes about 2 s.
  local i
  for i in $(seq 100); do
    if link_local_ready "$server_ns" "$server_if" && link_local_ready "$client_ns" "$client_if"; then
      return 0
    fi
    sleep 0.1
  done
  echo "compare.sh: IPv6 link-local addresses still tentative after 10 s" >&2
  return 1
}

link_local_ready() {
  local shown
  shown=$(ip -n "$1" -6 -o addr show dev "$2" scope link)
  [[ "$shown" == *"inet6 fe80:"* && "$shown" != *tentative* && "$shown" != *dadfailed* ]]
}

# ---------------------------------------------------------------------------------------------
# Servers

# fill TEMPLATE OUT LEASE_FILE SERVER: the configuration both servers are given; with PostgreSQL
# each server has its own database (and user) of the same name on the one PostgreSQL server.
fill() {
  local database=kea
  [[ "$4" != kakapo ]] || database=kakapo
  sed -e "s|@SERVER_INTERFACE@|$server_if|g" -e "s|@SERVER_ADDRESS@|$server_address|g" \
      -e "s|@RELAY_ADDRESS@|$relay_address|g" -e "s|@LEASE_FILE@|$3|g" \
      -e "s|@PGSQL_DATABASE@|$database|g" -e "s|@PGSQL_PASSWORD@|${pg_password:-}|g" "$1" >"$2"
}

# start_server kea|kakapo v4|v6 CONFIG LOG: starts it in the server namespace, sets server_pid
# and waits until its DHCP socket is bound.
start_server() {
  local server=$1 family=$2 config=$3 out=$4 port command
  if [[ "$family" == v4 ]]; then port=67; else port=547; fi
  if [[ "$server" == kea ]]; then
    if [[ "$family" == v4 ]]; then command=(kea-dhcp4 -c "$config"); else command=(kea-dhcp6 -c "$config"); fi
    if ! ip netns exec "$server_ns" "${command[0]}" -t "$config" >"$out.check" 2>&1; then
      echo "compare.sh: ${command[0]} rejects $config:" >&2
      tail -5 "$out.check" >&2
      return 1
    fi
    # Kea's pid and lock files go to the work folder, so a packaged Kea cannot collide with it.
    ip netns exec "$server_ns" env KEA_PIDFILE_DIR="$work" KEA_LOCKFILE_DIR="$work" \
      "${command[@]}" >"$out" 2>&1 &
  else
    if [[ "$server" == echo ]]; then command=("$kakapo" echo4 -c "$config")
    elif [[ "$family" == v4 ]]; then command=("$kakapo" dhcp4 -c "$config"); else command=("$kakapo" dhcp6 -c "$config"); fi
    (cd "$work" && exec ip netns exec "$server_ns" "${command[@]}") >"$out" 2>&1 &
  fi
  # ip netns exec, env and bin/kakapo each replace themselves, so $! is the server process.
  server_pid=$!
  local i
  for i in $(seq 300); do
    if ! kill -0 "$server_pid" 2>/dev/null; then
      echo "compare.sh: $server exited at start-up; the end of its log ($out):" >&2
      tail -20 "$out" >&2
      server_pid=""
      return 1
    fi
    if ip netns exec "$server_ns" ss -Hlun "sport = :$port" | grep -q .; then
      sleep 0.5
      return 0
    fi
    sleep 0.1
  done
  echo "compare.sh: $server did not bind port $port within 30 s; its log: $out" >&2
  return 1
}

# Stops the server: SIGTERM, then SIGKILL after 10 s (and then returns 1).
stop_server() {
  local pid=$server_pid i
  server_pid=""
  kill -TERM "$pid" 2>/dev/null || return 0
  for i in $(seq 100); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  return 1
}

# CPU time of the server so far in clock ticks (user + system, all threads); with
# count_database=yes plus that of the PostgreSQL processes (postmaster, its live children, and
# the children it has reaped).
count_database=no
cpu_ticks() {
  local stat ticks
  stat=$(cat "/proc/$server_pid/stat" 2>/dev/null) || return 1
  # Fields after "pid (comm) ": state is 1st, ppid 2nd, utime 12th, stime 13th, cutime 14th, cstime 15th.
  stat=${stat##*) }
  ticks=$(awk '{ print $12 + $13 }' <<<"$stat")
  if [[ "$count_database" == yes ]]; then
    ticks=$((ticks + $(database_ticks)))
  fi
  echo "$ticks"
}

database_ticks() {
  local postmaster
  postmaster=$(head -1 "$pg_data/postmaster.pid" 2>/dev/null) || { echo 0; return; }
  { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v pm="$postmaster" '
    { pid = $1; sub(/^.*\) /, "") }
    pid == pm { total += $12 + $13 + $14 + $15 }
    $2 == pm { total += $12 + $13 }
    END { print total + 0 }'
}

# ---------------------------------------------------------------------------------------------
# Generators

# generator_command perfdhcp|kakapo-perf v4|v6 SECONDS LOAD: sets generator_args to the command
# line, to be run in the client namespace. Both generators take perfdhcp's options.
generator_args=()
generator_command() {
  local generator=$1 family=$2 seconds=$3 load=$4 args
  if [[ "$family" == v4 ]]; then
    args=(-4 -l "$relay_address" -R "$clients4" -p "$seconds")
  else
    args=(-6 -l "$client_if" -R "$clients6" -p "$seconds")
  fi
  [[ "$load" == flood ]] || args+=(-r "$load")
  [[ "$family" == v6 ]] || args+=("$server_address")
  if [[ "$generator" == perfdhcp ]]; then
    generator_args=(perfdhcp "${args[@]}")
  else
    generator_args=("$kakapo" perf --json "${args[@]}")
  fi
}

# run_generator GENERATOR FAMILY SECONDS LOAD OUT: exit status 3 (some exchanges lost) is normal
# in a flood.
# It runs in the background and is waited for, so that Ctrl-C or SIGTERM reaches the clean-up at
# once rather than after the run.
generator_pid=""
run_generator() {
  generator_command "$1" "$2" "$3" "$4"
  local status=0
  timeout $(($3 + 60)) ip netns exec "$client_ns" "${generator_args[@]}" >"$5" 2>&1 &
  generator_pid=$!
  wait "$generator_pid" || status=$?
  generator_pid=""
  if ((status != 0 && status != 3)); then
    log "  $1 exited with status $status; the end of its output ($5):"
    tail -5 "$5" >&2
  fi
}

# Waits until the server uses less than a fifth of a CPU over a second (it has worked off what
# it had queued), for at most 30 s; prints how many seconds that took and the CPU it used in its
# last second (ms), which is what it burns when idle.
settle() {
  local i before after
  for i in $(seq 30); do
    before=$(cpu_ticks) || { echo "- -"; return 0; }
    sleep 1
    after=$(cpu_ticks) || { echo "- -"; return 0; }
    if (((after - before) * 5 < clk_tck)); then
      echo "$i $(((after - before) * 1000 / clk_tck))"
      return 0
    fi
  done
  echo "30+ $(((after - before) * 1000 / clk_tck))"
}

# parse GENERATOR OUT: prints "sent received drops p99" for the run — sent and drops summed over
# both halves of the exchange, received of the second half (the completed exchanges), p99 in ms
# of the second half or "-" when the generator does not report it.
parse() {
  if [[ "$1" == perfdhcp ]]; then
    awk '
      /^\*\*\*Statistics for:/ { half++ }
      half && /^sent packets:/ { sent += $3 }
      half && /^received packets:/ { received = $3 }
      half && /^drops:/ { drops += $2 }
      END { if (half == 2) print sent + 0, received + 0, drops + 0, "-"; else print "- - - -" }' "$2"
  else
    # Kakapo perf --json (docs/perf.md): "exchanges" in the order of the conversation, and
    # "completing_exchange" naming the one whose replies are the completed exchanges.
    jq -r '(.completing_exchange // "") as $completing
           | (.exchanges // []) as $halves
           | if ($halves | length) < 2 then "- - - -" else
               ([$halves[] | select(.name == $completing)][0] // $halves[-1]) as $last
               | "\($halves | map(.sent) | add) \($last.received) \($halves | map(.drops) | add) \($last.latency_ms.p99 // "-")"
             end' "$2" 2>/dev/null | grep . || echo "- - - -"
  fi
}

# ---------------------------------------------------------------------------------------------
# Scenarios

results="$work/results.tsv"   # scenario generator server run sent received drops p99 cpu_ms load settle_s idle_cpu_ms
: >"$results"

# measure SCENARIO FAMILY LOAD GENERATOR SERVER TEMPLATE
measure() {
  local scenario=$1 family=$2 load=$3 generator=$4 server=$5 template=$6
  local dir="$work/$scenario-$generator-$server"
  mkdir -p "$dir"
  local suffix; if [[ "$family" == v4 ]]; then suffix=csv4; else suffix=csv6; fi
  fill "$template" "$dir/config.json" "$dir/leases.$suffix" "$server"
  log "$scenario / $generator / $server: starting"
  if [[ "$template" == *pgsql* ]] && ! empty_leases "$server" "$dir/config.json" "$dir/db-init.log"; then
    log "  cannot empty the $server database:"; tail -5 "$dir/db-init.log" >&2
    printf '%s\t%s\t%s\tfailed\t-\t-\t-\t-\t-\n' "$scenario" "$generator" "$server" >>"$results"
    return 0
  fi
  if ! start_server "$server" "$family" "$dir/config.json" "$dir/server.log"; then
    printf '%s\t%s\t%s\tfailed\t-\t-\t-\t-\t-\n' "$scenario" "$generator" "$server" >>"$results"
    [[ -z "$server_pid" ]] || stop_server || true
    return 0
  fi
  log "  warm-up, ${warmup} s at $warmup_rate/s"
  run_generator "$generator" "$family" "$warmup" "$warmup_rate" "$dir/warmup.out"
  local run before="" after figures waited idle load_average
  for run in $(seq "$runs"); do
    read -r waited idle <<<"$(settle)"
    load_average=$(cut -d' ' -f1 /proc/loadavg)
    if before=$(cpu_ticks); then
      run_generator "$generator" "$family" "$period" "$load" "$dir/run$run.out"
    fi
    if [[ -z "$before" ]] || ! after=$(cpu_ticks); then
      log "  $server died during run $run; the end of its log:"
      tail -20 "$dir/server.log" >&2
      printf '%s\t%s\t%s\tfailed\t-\t-\t-\t-\t-\n' "$scenario" "$generator" "$server" >>"$results"
      server_pid=""
      return 0
    fi
    figures=$(parse "$generator" "$dir/run$run.out")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$scenario" "$generator" "$server" "$run" "${figures// /$'\t'}" \
      "$(((after - before) * 1000 / clk_tck))" "$load_average" "$waited" "$idle" >>"$results"
    log "  run $run: sent received drops p99 = $figures, cpu $(((after - before) * 1000 / clk_tck)) ms, load $load_average, settled in $waited s (idle cpu $idle ms/s)"
  done
  if ! stop_server; then
    log "  $server did not stop within 10 s of SIGTERM; killed"
  fi
  # Kea warns at every start that multi-threading is off and that server-id is configured: expected.
  local warnings
  warnings=$(grep -iE 'WARN|ERROR|FATAL|Exception' "$dir/server.log" |
    grep -vE 'DHCP[46]_MULTI_THREADING_INFO|DHCPSRV_CFGMGR_CONFIGURE_SERVERID' || true)
  if [[ -n "$warnings" ]]; then
    log "  $server logged warnings or errors:"
    head -5 <<<"$warnings" >&2
  fi
  cp "$dir/server.log" "$work/$scenario-$generator-$server.log"
}

# empty_leases kea|kakapo CONFIG LOG: each PostgreSQL run starts with no leases, as a memfile run
# does; Kakapo's database gets its schema (kakapo admin db-init) the first time.
empty_leases() {
  local database=kea
  if [[ "$1" == kakapo ]]; then
    database=kakapo
    if ! ip netns exec "$server_ns" "$kakapo" admin db-version postgresql -c "$2" 2>/dev/null | grep -q 'kakapo [0-9]'; then
      ip netns exec "$server_ns" "$kakapo" admin db-init postgresql -c "$2" >"$3" 2>&1 || return 1
    fi
  fi
  ip netns exec "$server_ns" runuser -u postgres -- "$pg_bin/psql" -h 127.0.0.1 -U postgres -d "$database" \
    -v ON_ERROR_STOP=1 -q -c "TRUNCATE lease4" >>"$3" 2>&1
}

# PostgreSQL for Kea: a private cluster inside the server namespace, on its loopback only.
pg_password=""
pgsql_reason=""
start_pgsql() {
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [[ -n "$pg_bin" && -x "$pg_bin/initdb" ]] || { pgsql_reason="no PostgreSQL server installed"; return 1; }
  command -v kea-admin >/dev/null || { pgsql_reason="kea-admin missing"; return 1; }
  pg_data="$work/pgsql"
  pg_password="bench$id"
  install -d -o postgres -g postgres -m 700 "$pg_data"
  install -d -o postgres -g postgres -m 755 "$work/pgsock"
  local pg="ip netns exec $server_ns runuser -u postgres --"
  if ! $pg "$pg_bin/initdb" -D "$pg_data" -A trust -U postgres >"$work/pgsql-init.log" 2>&1; then
    pgsql_reason="initdb failed (see pgsql-init.log)"; return 1
  fi
  if ! $pg "$pg_bin/pg_ctl" -D "$pg_data" -l "$work/pgsock/postgres.log" -w \
      -o "-c listen_addresses=127.0.0.1 -c port=5432 -c unix_socket_directories=$work/pgsock" start >>"$work/pgsql-init.log" 2>&1; then
    pgsql_reason="PostgreSQL did not start (see pgsql-init.log)"; return 1
  fi
  if ! $pg "$pg_bin/psql" -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q \
      -c "CREATE USER kea WITH PASSWORD '$pg_password'" -c "CREATE DATABASE kea OWNER kea" \
      -c "CREATE USER kakapo WITH PASSWORD '$pg_password'" -c "CREATE DATABASE kakapo OWNER kakapo" >>"$work/pgsql-init.log" 2>&1; then
    pgsql_reason="cannot create the kea and kakapo databases (see pgsql-init.log)"; return 1
  fi
  if ! ip netns exec "$server_ns" kea-admin db-init pgsql -h 127.0.0.1 -u kea -p "$pg_password" -n kea >>"$work/pgsql-init.log" 2>&1; then
    pgsql_reason="kea-admin db-init pgsql failed (see pgsql-init.log)"; return 1
  fi
}

families=(v4 v6)
[[ -z "$only" ]] || families=("$only")
generators=(perfdhcp)
[[ "$kakapo_perf" == no ]] || generators+=(kakapo-perf)

filesystem=$(findmnt -n -o FSTYPE --target "$work" 2>/dev/null || stat -f -c %T "$work")
log "work folder $work ($filesystem), namespaces $server_ns / $client_ns"
make_link
if [[ "$echo_rows" == yes && ( -z "$only" || "$only" == v4 ) ]]; then
  # The ceiling: the same sockets answering each request at once, no server behind them.
  for generator in "${generators[@]}"; do
    measure dhcp4-dora-echo-flood v4 flood "$generator" echo "$here/dhcp4.json.in"
  done
fi
for load in "${load_list[@]}"; do
  if [[ "$load" == flood ]]; then load_name=flood; else load_name="r$load"; fi
  for generator in "${generators[@]}"; do
    for family in "${families[@]}"; do
      if [[ "$family" == v4 ]]; then scenario=dhcp4-dora-memfile; else scenario=dhcp6-sarr-memfile; fi
      measure "$scenario-$load_name" "$family" "$load" "$generator" kea "$here/dhcp${family#v}.json.in"
      measure "$scenario-$load_name" "$family" "$load" "$generator" kakapo "$here/dhcp${family#v}.json.in"
    done
  done
done
if [[ "$pgsql" == yes && ( -z "$only" || "$only" == v4 ) ]]; then
  if start_pgsql; then
    for load in "${pgsql_load_list[@]}"; do
      if [[ "$load" == flood ]]; then load_name=flood; else load_name="r$load"; fi
      count_database=yes
      for generator in "${generators[@]}"; do
        measure "dhcp4-dora-pgsql-$load_name" v4 "$load" "$generator" kea "$here/dhcp4-pgsql.json.in"
        measure "dhcp4-dora-pgsql-$load_name" v4 "$load" "$generator" kakapo "$here/dhcp4-pgsql.json.in"
      done
      count_database=no
    done
  else
    log "PostgreSQL: not run: $pgsql_reason"
  fi
elif [[ "$pgsql" == no ]]; then
  pgsql_reason="skipped (--no-pgsql or --quick)"
fi

# ---------------------------------------------------------------------------------------------
# Report

machine() {
  local kea_version java_version
  kea_version=$(kea-dhcp4 -v 2>/dev/null | head -1)
  java_version=$(java -version 2>&1 | head -1)
  echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- Machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) memory, kernel $(uname -r)"
  echo "- Kea $kea_version, perfdhcp $(perfdhcp -v 2>&1 | head -1 | sed 's/^VERSION: //'), Java: $java_version"
  echo "- Kakapo: $("$kakapo" -v 2>/dev/null | head -1), jar built $(date -u -r "$KAKAPO_JAR" '+%Y-%m-%d %H:%M UTC'), checkout at $source_commit when the benchmark started"
  echo "- Lease files on $filesystem ($work); $runs run(s) of $period s each after a ${warmup} s warm-up at $warmup_rate/s; DHCPv4 clients -R $clients4, DHCPv6 clients -R $clients6; loads: $loads; PostgreSQL rows: $([[ $pgsql == yes ]] && echo "$pgsql_loads" || echo "not run")"
  echo "- CPU of the PostgreSQL rows: the server plus the PostgreSQL server processes (each server has its own database there)"
  echo "- Kakapo's own generator (bin/kakapo perf): $([[ $kakapo_perf == yes ]] && echo used || echo 'not available, perfdhcp only')"
}

# Medians per scenario/generator/server, then the table.
report() {
  awk -F'\t' -v period="$period" '
    function median(list,   n, a, i, j, t) {
      n = split(list, a, " ")
      if (n == 0) return "-"
      for (i = 2; i <= n; i++) { t = a[i] + 0; for (j = i - 1; j >= 1 && a[j] + 0 > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
      return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    function name(server) { return server == "kea" ? "Kea" : server == "echo" ? "sockets only (echo4)" : "Kakapo" }
    function thousands(x,   s, r) {
      s = sprintf("%d", x + 0.5); r = ""
      while (length(s) > 3) { r = "," substr(s, length(s) - 2) r; s = substr(s, 1, length(s) - 3) }
      return s r
    }
    {
      key = $1 SUBSEP $2 SUBSEP $3
      if (!(key in seen)) { seen[key] = 1; order[++count] = key }
      if ($4 == "failed" || $6 == "-") { failed[key] = 1; next }
      rate[key] = rate[key] " " ($6 / period)
      drops[key] = drops[key] " " $7
      droppct[key] = droppct[key] " " ($5 > 0 ? 100 * $7 / $5 : 0)
      if ($8 != "-") p99[key] = p99[key] " " $8
      if ($6 > 0) cpu[key] = cpu[key] " " ($9 / $6)
    }
    END {
      print "| scenario | generator | server | leases/s (median) | drops (median, % of sent) | p99 ms | CPU ms/lease | Kakapo/Kea leases/s | Kakapo/Kea CPU/lease |"
      print "|---|---|---|---:|---:|---:|---:|---:|---:|"
      for (i = 1; i <= count; i++) {
        key = order[i]; split(key, k, SUBSEP)
        if (key in failed && !(key in rate)) {
          printf "| %s | %s | %s | failed | | | | | |\n", k[1], k[2], name(k[3]); continue
        }
        r = median(rate[key]); med[key] = r
        c = (key in cpu) ? median(cpu[key]) : "–"; medcpu[key] = c
        ratio = "–"; cpuratio = "–"
        if (k[3] == "kakapo") {
          other = k[1] SUBSEP k[2] SUBSEP "kea"
          if ((other in med) && med[other] > 0) ratio = sprintf("%.2f", r / med[other])
          if ((other in medcpu) && medcpu[other] != "–" && medcpu[other] > 0 && c != "–") cpuratio = sprintf("%.1f", c / medcpu[other])
        }
        p = (key in p99) ? sprintf("%.2f", median(p99[key])) : "–"
        printf "| %s | %s | %s | %s | %s (%.1f %%) | %s | %s | %s | %s |\n", k[1], k[2], name(k[3]),
          thousands(r), thousands(median(drops[key])), median(droppct[key]), p, (c == "–" ? c : sprintf("%.3f", c)), ratio, cpuratio
      }
    }' "$results"
  if [[ -z "$only" || "$only" == v4 ]]; then
    if ! grep -q '^dhcp4-dora-pgsql' "$results"; then
      echo "| dhcp4-dora-pgsql | perfdhcp | Kea | not run: ${pgsql_reason:-unknown} | | | | | |"
    fi
  fi
  echo
  echo "Raw runs (sent and drops summed over both halves of the exchange; received = completed exchanges; CPU = server user+system time during the run; load = the machine's 1-minute load average before the run; settle = seconds waited for the server to go idle before it; idle = the server's CPU in its last idle second before the run):"
  echo
  echo "| scenario | generator | server | run | sent | received | drops | p99 ms | CPU ms | load | settle s | idle CPU ms/s |"
  echo "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  awk -F'\t' '{ printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12 }' "$results"
}

{
  echo
  machine
  echo
  report
} | tee "$work/report.md"
