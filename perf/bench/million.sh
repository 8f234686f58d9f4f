#!/usr/bin/env bash
# million.sh — the all-in-one server holding 1,000,000 active DHCPv4 leases: how long it takes
# from start to its first answer with them in its lease file, and how much heap they take.
#
#   perf/bench/million.sh [--leases N] [--heap SIZE] [--runs N] [--keep]
#
#   --leases N   active leases in the lease file (default 1000000)
#   --heap SIZE  the JVM's maximum heap, -Xmx (default 1g)
#   --runs N     start-ups measured (default 3; the report gives each and the median)
#   --keep       keep the work folder (configuration, lease file, server logs)
#
# It writes a Kea-format lease file of N leases in 10.0.0.0/8 (never put on a wire: the only packets
# are DISCOVERs from 127.0.0.2 to the server on 127.0.0.1, answered with an address of that pool),
# then for each run starts `bin/kakapo dhcp4` with -Xmx SIZE and sends a DISCOVER every 10 ms until
# the first OFFER comes back. After the last run it forces a full collection in the running server
# and reads the heap in use (jcmd GC.heap_info), so the figure is what the leases keep alive.
# Needs python3 and a JDK's jcmd; builds Kakapo only when server/target/kakapo.jar is missing.
set -euo pipefail

here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
repo=$(cd "$here/../.." && pwd)
kakapo="$repo/bin/kakapo"
leases=1000000
heap=1g
runs=3
keep=no
port=10467

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; }
while (($#)); do
  case "$1" in
    --leases) leases=$2; shift 2 ;;
    --heap) heap=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --keep) keep=yes; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "million.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done
[[ "$leases" =~ ^[1-9][0-9]*$ && "$leases" -le 16000000 ]] || { echo "million.sh: --leases takes 1..16000000" >&2; exit 2; }
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "million.sh: --runs takes a positive whole number" >&2; exit 2; }
[[ "$heap" =~ ^[1-9][0-9]*[kKmMgG]$ ]] || { echo "million.sh: --heap takes a size such as 1g or 768m" >&2; exit 2; }
command -v python3 >/dev/null || { echo "million.sh: needs python3" >&2; exit 1; }
command -v jcmd >/dev/null || { echo "million.sh: needs jcmd (a JDK)" >&2; exit 1; }
if [[ ! -f "$repo/server/target/kakapo.jar" ]]; then
  (cd "$repo" && mvn -q -B -DskipTests package)
fi

log() { printf '%s  %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
work=$(mktemp -d /var/tmp/kakapo-million.XXXXXX)
server_pid=""
cleanup() {
  local status=$?
  if [[ -n "$server_pid" ]]; then kill -TERM "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  if [[ "$keep" == yes || $status -ne 0 ]]; then log "work folder kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
export KAKAPO_JAR="$work/kakapo.jar"
cp -p "$repo/server/target/kakapo.jar" "$KAKAPO_JAR"

cat >"$work/config.json" <<JSON
{ "Dhcp4": {
    "interfaces-config": { "interfaces": [ "lo/127.0.0.1" ] },
    "lease-database": { "type": "memfile", "name": "$work/leases4.csv", "lfc-interval": 0 },
    "valid-lifetime": 86400,
    "subnet4": [ { "id": 1, "subnet": "10.0.0.0/8", "relay": { "ip-addresses": [ "127.0.0.2" ] },
                   "pools": [ { "pool": "10.0.0.1 - 10.255.255.254" } ] } ] } }
JSON

log "writing $leases leases to $work/leases4.csv"
python3 - "$work/leases4.csv" "$leases" <<'PY'
import sys, time
path, n = sys.argv[1], int(sys.argv[2])
expire = int(time.time()) + 86400
with open(path, "w") as f:
    f.write("address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state\n")
    rows = []
    for i in range(n):
        a = 0x0A000001 + i
        mac = "02:00:%02x:%02x:%02x:%02x" % ((i >> 24) & 255, (i >> 16) & 255, (i >> 8) & 255, i & 255)
        rows.append("%d.%d.%d.%d,%s,01:%s,86400,%d,1,0,0,,0\n" % (a >> 24, (a >> 16) & 255, (a >> 8) & 255, a & 255, mac, mac, expire))
        if len(rows) == 10000:
            f.writelines(rows); rows = []
    f.writelines(rows)
PY
log "lease file: $(du -h "$work/leases4.csv" | cut -f1)"

# first_answer START PID: sends a relayed DISCOVER every 10 ms until an OFFER comes; prints the
# seconds since START (epoch ns) and the address offered; gives up when process PID ends.
first_answer() {
  python3 - "$1" "$port" "$2" <<'PY'
import os, socket, struct, sys, time
started, port, pid = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.2", port))
s.settimeout(0.01)
xid = 0x4b414b41
msg = struct.pack("!BBBBIHHIIII", 1, 1, 6, 1, xid, 0, 0, 0, 0, 0, 0x7f000002) + b"\x02\x00\x5e\xff\x00\x01" + bytes(10 + 64 + 128)
msg += b"\x63\x82\x53\x63" + b"\x35\x01\x01" + b"\xff"
deadline = time.time() + 120
while time.time() < deadline:
    try:
        os.kill(pid, 0)
    except OSError:
        break
    s.sendto(msg, ("127.0.0.1", port))
    try:
        data, _ = s.recvfrom(2048)
        if len(data) > 240 and struct.unpack("!I", data[4:8])[0] == xid:
            print("%.2f %s" % ((time.time_ns() - started) / 1e9, socket.inet_ntoa(data[16:20])))
            sys.exit(0)
    except socket.timeout:
        pass
print("none")
sys.exit(1)
PY
}

results=()
for run in $(seq "$runs"); do
  started=$(date +%s%N)
  KAKAPO_JAVA_OPTS="-Xmx$heap" "$kakapo" dhcp4 -c "$work/config.json" -p "$port" >"$work/server$run.log" 2>&1 &
  server_pid=$!
  if ! answer=$(first_answer "$started" "$server_pid"); then
    log "run $run: no answer (the server stopped, or 120 s passed); the end of its log:"
    tail -20 "$work/server$run.log" >&2
    exit 1
  fi
  loaded=$(grep -o 'event=leases-loaded family=4 count=[0-9]*' "$work/server$run.log" | grep -o '[0-9]*$' || echo '?')
  set -- $answer
  log "run $run: first answer after $1 s (offered $2), leases loaded: $loaded"
  results+=("$1")
  if ((run < runs)); then
    kill -TERM "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
  fi
done

jcmd "$server_pid" GC.run >/dev/null
sleep 1
heap_line=$(jcmd "$server_pid" GC.heap_info | grep -m1 -E 'garbage-first heap|total')
used_kb=$(grep -oE 'used [0-9]+K' <<<"$heap_line" | grep -oE '[0-9]+')
rss_kb=$(awk '/VmRSS/ { print $2 }' "/proc/$server_pid/status")
median=$(printf '%s\n' "${results[@]}" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }')

echo
echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'); $(java -version 2>&1 | head -1)"
echo "- Kakapo: $("$kakapo" -v 2>/dev/null | head -1), commit $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "- Lease file: $leases active leases, $(du -h "$work/leases4.csv" | cut -f1); -Xmx$heap"
echo
echo "| figure | value |"
echo "|---|---:|"
echo "| start to first answer, each run (s) | ${results[*]} |"
echo "| start to first answer, median (s) | $median |"
echo "| heap in use after a full GC (MiB) | $((used_kb / 1024)) |"
echo "| heap per lease (bytes) | $((used_kb * 1024 / leases)) |"
echo "| process RSS (MiB) | $((rss_kb / 1024)) |"
