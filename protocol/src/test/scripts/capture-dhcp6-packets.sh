#!/bin/bash
# Regenerates the real DHCPv6 packets in CapturedPackets6.java: runs ISC dhclient -6 (IA_NA, then
# IA_PD) and Kea's perfdhcp -6 (direct, then through one simulated relay) in one network namespace,
# captures on the other end of a veth pair (server side 2001:db8:1::1/64) and prints each UDP
# payload as hex, one per line, after the client that sent it. Nothing answers: the first
# SOLICIT of each client is all the tests need.
# Needs root and the Debian packages isc-dhcp-client kea-admin (perfdhcp) tcpdump iproute2 python3.
set -euo pipefail
D=$(mktemp -d)
cleanup() {
    [ -n "${TCPDUMP:-}" ] && kill "$TCPDUMP" 2>/dev/null || true
    wait 2>/dev/null || true
    ip netns del kp6-cli 2>/dev/null || true
    ip netns del kp6-srv 2>/dev/null || true
    rm -rf "$D"
}
trap cleanup EXIT

ip netns add kp6-srv
ip netns add kp6-cli
ip link add kp6-a type veth peer name kp6-b
ip link set kp6-a netns kp6-srv
ip link set kp6-b netns kp6-cli
ip -n kp6-srv link set kp6-a address 02:00:00:00:00:0a
ip -n kp6-cli link set kp6-b address 02:00:00:00:00:0b
# no duplicate address detection: the link-local addresses are usable at once
ip netns exec kp6-srv sysctl -q -w net.ipv6.conf.kp6-a.accept_dad=0
ip netns exec kp6-cli sysctl -q -w net.ipv6.conf.kp6-b.accept_dad=0
ip -n kp6-srv addr add 2001:db8:1::1/64 dev kp6-a nodad
ip -n kp6-srv link set kp6-a up
ip -n kp6-cli link set kp6-b up
sleep 3

cat > "$D/dhclient6.conf" <<EOC
request dhcp6.name-servers, dhcp6.domain-search, dhcp6.sntp-servers;
EOC

capture() { # capture NAME COMMAND...: runs the command in the client namespace, keeps what the server side saw
    local name=$1
    shift
    ip netns exec kp6-srv tcpdump -i kp6-a -n -U -w "$D/$name.pcap" 'udp port 546 or udp port 547' 2>/dev/null &
    TCPDUMP=$!
    sleep 1
    ip netns exec kp6-cli "$@" >/dev/null 2>&1 || true
    sleep 1
    kill "$TCPDUMP"
    wait "$TCPDUMP" 2>/dev/null || true
    TCPDUMP=
    echo "# $name"
    python3 - "$D/$name.pcap" <<'EOP'
import struct, sys
data = open(sys.argv[1], 'rb').read()
at = 24  # pcap file header
while at < len(data):
    _, _, caplen, _ = struct.unpack('<IIII', data[at:at + 16])
    frame = data[at + 16:at + 16 + caplen]
    at += 16 + caplen
    if frame[12:14] != b'\x86\xdd' or frame[14 + 6] != 17:  # Ethernet II, IPv6, UDP next
        continue
    udp = frame[14 + 40:]
    length = struct.unpack('>H', udp[4:6])[0]
    print(udp[8:length].hex())
EOP
}

# -sf /bin/true: dhclient never touches the namespace's addresses or /etc/resolv.conf
capture dhclient-ia-na timeout 6 dhclient -6 -d -1 -v -sf /bin/true -cf "$D/dhclient6.conf" \
    -lf "$D/na.leases" -pf "$D/na.pid" kp6-b
capture dhclient-ia-pd timeout 6 dhclient -6 -P -D LL -d -1 -v -sf /bin/true -cf "$D/dhclient6.conf" \
    -lf "$D/pd.leases" -pf "$D/pd.pid" kp6-b
capture perfdhcp timeout 6 perfdhcp -6 -l kp6-b -n 3 -R 3 all
capture perfdhcp-relayed timeout 6 perfdhcp -6 -l kp6-b -n 3 -R 3 -A 1 all
