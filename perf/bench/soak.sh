#!/usr/bin/env bash
# Soak: a Kakapo cluster held at a steady fraction of its peak DHCPv4 rate for a long time, with
# renewals and releases mixed in; memory, GC pauses, errors and latency reported over time.
#
# usage: perf/bench/soak.sh [--minutes M] [--fraction F] [--interval S] [--clients N]
#                           [--shape cluster|all-in-one] [--keep]
#
#   --minutes M    how long the steady load runs (default 10)
#   --fraction F   the load as a fraction of the peak measured first (default 0.5)
#   --interval S   seconds between samples and report rows (default 30)
#   --clients N    distinct clients of the generator, its -R (default 100000; the pool holds 131,070)
#   --shape S      cluster: three coordinators and a server node (default); all-in-one: one server
#   --keep         keep the work folder (configurations, logs, samples, the generator's CSV)
#
# Run from a checkout on Linux, with jq and python3; it builds Kakapo when a jar is missing and
# runs everything on 127.0.0.0/8. See docs/benchmarks.md (Soak) and docs/reliability.md.
set -euo pipefail

usage() { sed -n '5,13p' "$0" | sed 's/^# \{0,1\}//'; }

minutes=10
fraction=0.5
interval=30
clients=100000
shape=cluster
keep=no
while (($#)); do
  case "$1" in
    --minutes) minutes=$2; shift 2 ;;
    --fraction) fraction=$2; shift 2 ;;
    --interval) interval=$2; shift 2 ;;
    --clients) clients=$2; shift 2 ;;
    --shape) shape=$2; shift 2 ;;
    --keep) keep=yes; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "soak.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done
for n in "$minutes" "$interval" "$clients"; do
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "soak.sh: '$n' is not a positive whole number" >&2; exit 2; }
done
[[ "$fraction" =~ ^(0?\.[0-9]+|1(\.0*)?)$ ]] || { echo "soak.sh: --fraction '$fraction' is not a number in (0, 1]" >&2; exit 2; }
[[ "$shape" == cluster || "$shape" == all-in-one ]] || { echo "soak.sh: unknown shape '$shape'" >&2; exit 2; }
((clients <= 131000)) || { echo "soak.sh: --clients $clients exceeds the 131,070-address pool" >&2; exit 2; }
for tool in jq python3 curl; do
  command -v "$tool" >/dev/null || { echo "soak.sh: $tool is needed (apt-get install $tool)" >&2; exit 1; }
done

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
kakapo="$repo/bin/kakapo"
log() { printf '%s  %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

if [[ ! -f "$repo/server/target/kakapo.jar" || ! -f "$repo/perf/target/kakapo-perf.jar" ]]; then
  log "building Kakapo"
  (cd "$repo" && mvn -q -B -DskipTests package)
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/kakapo-soak.XXXXXX")
# The run uses copies of the jars, so a build during the soak cannot change what runs.
mkdir -p "$work/jars"
cp "$repo/server/target/kakapo.jar" "$repo/perf/target/kakapo-perf.jar" "$work/jars/"
export KAKAPO_JAR="$work/jars/kakapo.jar" KAKAPO_PERF_JAR="$work/jars/kakapo-perf.jar"

# launch_kakapo, await_started, stop_kakapo, ticks, free_port
source "$here/processes.sh"

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  [[ -n "${perf_pid:-}" ]] && kill -TERM "$perf_pid" 2>/dev/null || true
  stop_kakapo
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

# ---------------------------------------------------------------------------------------------
# The processes: each has its own file, the same but for its control port, so each is sampled.

dport=$(free_port)
names=()
control_ports=()
members=""
if [[ "$shape" == cluster ]]; then
  hz_ports=("$(free_port)" "$(free_port)" "$(free_port)")
  members="\"cluster\": { \"name\": \"kakapo-soak-$$\", \"members\": [ \"127.0.0.1:${hz_ports[0]}\", \"127.0.0.1:${hz_ports[1]}\", \"127.0.0.1:${hz_ports[2]}\" ] },"
  lease_database='{ "type": "memfile", "persist": false }'
else
  lease_database="{ \"type\": \"memfile\", \"name\": \"$work/leases4.csv\" }"
fi

# write_config NAME: the configuration of process NAME, with its own control port.
write_config() {
  local port
  port=$(free_port)
  names+=("$1")
  control_ports+=("$port")
  cat >"$work/$1.json" <<EOF
{
  "Kakapo": { $members "control": { "address": "127.0.0.1", "port": $port } },
  "Dhcp4": {
    "interfaces-config": { "interfaces": [ "lo/127.0.0.1" ] },
    "lease-database": $lease_database,
    "valid-lifetime": 4000,
    "subnet4": [ { "id": 1, "subnet": "198.18.0.0/15", "relay": { "ip-addresses": [ "127.0.0.2" ] },
                   "pools": [ { "pool": "198.18.0.1 - 198.19.255.254" } ] } ]
  }
}
EOF
}

if [[ "$shape" == cluster ]]; then
  for i in 0 1 2; do
    write_config "coordinator-$((i + 1))"
    launch_kakapo "$work/coordinator-$((i + 1)).log" coordinator -c "$work/coordinator-$((i + 1)).json" \
      -p "${hz_ports[i]}" --bind 127.0.0.1
  done
  for i in 0 1 2; do
    await_started "$work/coordinator-$((i + 1)).log" "${kakapo_pids[i]}"
  done
fi
write_config server
launch_kakapo "$work/server.log" dhcp4 -c "$work/server.json" -p "$dport"
await_started "$work/server.log" "${kakapo_pids[-1]}"
pids=("${kakapo_pids[@]}")
log "$shape: ${names[*]} started (DHCPv4 on 127.0.0.1:$dport)"

perf() {
  "$kakapo" perf -4 -l 127.0.0.2 -L "$dport" -N "$dport" -R "$clients" "$@" 127.0.0.1
}

# ---------------------------------------------------------------------------------------------
# The peak, then the steady load

log "measuring the peak (20 s flood)"
perf -p 20 --json >"$work/peak.json" 2>"$work/peak.err" || true
peak=$(jq '.rate_per_s' "$work/peak.json")
rate=$(python3 -c "print(max(1, int($peak * $fraction)))")
renew=$((rate / 10))
release=$((rate / 20))
seconds=$((minutes * 60))
log "peak $peak DORA/s; soaking at $rate DORA/s (with $renew renewals/s and $release releases/s) for $minutes min"

# sample: one line per process: seconds, name, RSS, heap used, the old generation's part of it
# (what survives young collections: a leak shows as steady growth there), longest recent GC pause,
# total GC pause, threads, DHCP drops.
sample() {
  local t=$1 i pid metrics rss
  for i in "${!names[@]}"; do
    pid=${pids[i]}
    rss=$(awk '/^VmRSS:/ { print $2 / 1024 }' "/proc/$pid/status" 2>/dev/null || echo 0)
    metrics=$(curl -s --max-time 5 "http://127.0.0.1:${control_ports[i]}/metrics" || true)
    awk -v t="$t" -v name="${names[i]}" -v rss="$rss" '
      /^jvm_memory_used_bytes\{.*area="heap"/ { heap += $NF }
      /^jvm_memory_used_bytes\{.*id="G1 Old Gen"/ { old += $NF }
      /^jvm_gc_pause_seconds_max/ { if ($NF > pause) pause = $NF }
      /^jvm_gc_pause_seconds_sum/ { total += $NF }
      /^jvm_threads_live_threads/ { threads = $NF }
      /^kakapo_dhcp4_packets_dropped_total/ { drops += $NF }
      END { printf "%d,%s,%.1f,%.1f,%.1f,%.1f,%.0f,%d,%d\n", t, name, rss, heap / 1048576, old / 1048576,
                   pause * 1000, total * 1000, threads, drops }' <<<"$metrics"
  done
}

echo "seconds,process,rss_mb,heap_mb,old_mb,gc_pause_max_ms,gc_pause_total_ms,threads,drops" >"$work/samples.csv"
sample 0 >>"$work/samples.csv"
perf -r "$rate" -f "$renew" -F "$release" -p "$seconds" -d 2 --csv "$work/soak.csv" --json \
  >"$work/soak.json" 2>"$work/soak.err" &
perf_pid=$!
started=$SECONDS
while kill -0 "$perf_pid" 2>/dev/null; do
  sleep "$interval"
  sample $((SECONDS - started)) >>"$work/samples.csv"
done
perf_status=0
wait "$perf_pid" || perf_status=$?
perf_pid=""
sample $((SECONDS - started)) >>"$work/samples.csv"

# ---------------------------------------------------------------------------------------------
# The report

python3 - "$work/soak.csv" "$work/samples.csv" "$interval" <<'EOF'
import csv, sys
from collections import defaultdict

series, samples, interval = sys.argv[1], sys.argv[2], int(sys.argv[3])
# the generator's per-second rows of completed four-way exchanges
acks = [r for r in csv.DictReader(open(series)) if r["exchange"] == "REQUEST-ACK"]
rows = list(csv.DictReader(open(samples)))
by_time = defaultdict(dict)
for r in rows:
    by_time[int(r["seconds"])][r["process"]] = r
server = [by_time[t]["server"] for t in sorted(by_time) if "server" in by_time[t]]
coordinators = sorted({r["process"] for r in rows if r["process"] != "server"})

def window(t0, t1):
    return [r for r in acks if t0 < float(r["seconds"]) <= t1]

print()
head = f"{'min':>5} {'ACK/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'max ms':>7} {'drops':>6} {'srv RSS':>8} {'srv old':>8} {'srv heap':>8} {'GC max':>7}"
if coordinators:
    head += f" {'coord RSS':>9} {'coord old':>10}"
print(head)
previous_t, previous_drops = 0, 0
for s in server[1:]:
    t = int(s["seconds"])
    w = [r for r in window(previous_t, t) if r["p50_ms"]]
    if not w:
        continue  # the sample taken after the load ended
    rate = sum(float(r["rate_per_s"]) for r in w) / len(w) if w else 0
    p50 = sorted(float(r["p50_ms"]) for r in w)[len(w) // 2] if w else 0
    p99 = max((float(r["p99_ms"]) for r in w), default=0)
    mx = max((float(r["max_ms"]) for r in w), default=0)
    drops = int(w[-1]["drops"]) if w else previous_drops
    line = (f"{t / 60:5.1f} {rate:7.0f} {p50:7.2f} {p99:7.2f} {mx:7.1f} {drops - previous_drops:6d} "
            f"{float(s['rss_mb']):7.0f}M {float(s['old_mb']):7.0f}M {float(s['heap_mb']):7.0f}M {float(s['gc_pause_max_ms']):6.0f}ms")
    if coordinators:
        c = [by_time[t].get(n) for n in coordinators]
        rss = max(float(x["rss_mb"]) for x in c if x)
        old = max(float(x["old_mb"]) for x in c if x)
        line += f" {rss:8.0f}M {old:9.0f}M"
    print(line)
    previous_t, previous_drops = t, drops

first, last = server[1] if len(server) > 1 else server[0], server[-1]
total = int(acks[-1]["received"]) if acks else 0
sent = int(acks[-1]["sent"]) if acks else 0
server_drops = int(last["drops"])
print()
print(f"completed DORA: {total} of {sent} REQUESTs answered ({sent - total} unanswered by the 2 s drop time);"
      f" server drops counted: {server_drops}")
print(f"server old generation: {first['old_mb']} MB at the first sample, {last['old_mb']} MB at the last;"
      f" RSS {first['rss_mb']} -> {last['rss_mb']} MB; threads {first['threads']} -> {last['threads']}")
print(f"longest GC pause seen: {max(float(s['gc_pause_max_ms']) for s in server):.0f} ms;"
      f" GC pause total {float(last['gc_pause_total_ms']) / 1000:.1f} s")
for n in coordinators:
    cs = [by_time[t][n] for t in sorted(by_time) if n in by_time[t]]
    print(f"{n}: old generation {cs[1]['old_mb'] if len(cs) > 1 else cs[0]['old_mb']} -> {cs[-1]['old_mb']} MB,"
          f" RSS {cs[1]['rss_mb'] if len(cs) > 1 else cs[0]['rss_mb']} -> {cs[-1]['rss_mb']} MB,"
          f" longest GC pause {max(float(c['gc_pause_max_ms']) for c in cs):.0f} ms")
EOF
log "generator exit status $perf_status (0: every exchange completed; 3: some were not)"
