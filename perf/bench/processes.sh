# Shared by the benchmark scripts (sourced): Kakapo processes started from bin/kakapo, waited
# for and stopped, their CPU time, and free loopback ports. Needs $kakapo (the launcher).

kakapo_pids=()

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# launch_kakapo LOG ARGS...: starts bin/kakapo ARGS in the background (it execs the JVM, so
# the pid is the server's) and records the pid in kakapo_pids.
launch_kakapo() {
  local out=$1
  shift
  "$kakapo" "$@" >"$out" 2>&1 &
  kakapo_pids+=("$!")
}

# await_started LOG PID: waits until the process logged event=started.
await_started() {
  local i
  for i in $(seq 1200); do
    grep -q 'event=started' "$1" && return 0
    if ! kill -0 "$2" 2>/dev/null; then
      echo "${0##*/}: a Kakapo process exited at start-up; the end of its log ($1):" >&2
      tail -20 "$1" >&2
      return 1
    fi
    sleep 0.1
  done
  echo "${0##*/}: a Kakapo process did not start within 120 s; its log: $1" >&2
  return 1
}

# Stops every Kakapo process, newest first (the server node before its coordinators).
stop_kakapo() {
  local i pid
  for ((i = ${#kakapo_pids[@]} - 1; i >= 0; i--)); do
    pid=${kakapo_pids[i]}
    kill -TERM "$pid" 2>/dev/null || continue
    timeout 20 tail --pid="$pid" -f /dev/null 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  kakapo_pids=()
}

# ticks PID...: user + system CPU clock ticks of the processes so far (their reaped children too).
ticks() {
  local pid total=0 stat
  for pid in "$@"; do
    stat=$(cat "/proc/$pid/stat" 2>/dev/null) || continue
    stat=${stat##*) }
    total=$((total + $(awk '{ print $12 + $13 + $14 + $15 }' <<<"$stat")))
  done
  echo "$total"
}

