#!/bin/bash
# Regenerates the real DHCPv4 packets in CapturedPackets.java: runs ISC dhclient and BusyBox
# udhcpc against BusyBox udhcpd on a veth pair between two network namespaces (192.0.2.0/24),
# captures with tcpdump and prints each UDP payload as hex, one per line.
# Needs root and the Debian packages isc-dhcp-client udhcpc udhcpd tcpdump iproute2 python3.
set -euo pipefail
D=$(mktemp -d)
cleanup() {
    [ -n "${UDHCPD:-}" ] && kill "$UDHCPD" 2>/dev/null || true
    [ -n "${TCPDUMP:-}" ] && kill "$TCPDUMP" 2>/dev/null || true
    wait 2>/dev/null || true
    ip netns del kp-cli 2>/dev/null || true
    ip netns del kp-srv 2>/dev/null || true
}
trap cleanup EXIT

ip netns add kp-srv
ip netns add kp-cli
ip link add kp-a type veth peer name kp-b
ip link set kp-a netns kp-srv
ip link set kp-b netns kp-cli
ip -n kp-srv link set kp-a address 02:00:00:00:00:0a
ip -n kp-cli link set kp-b address 02:00:00:00:00:0b
ip -n kp-srv addr add 192.0.2.1/24 dev kp-a
ip -n kp-srv link set kp-a up
ip -n kp-cli link set kp-b up

cat > "$D/udhcpd.conf" <<EOC
start 192.0.2.100
end 192.0.2.150
interface kp-a
lease_file $D/udhcpd.leases
pidfile $D/udhcpd.pid
opt subnet 255.255.255.0
opt router 192.0.2.1
opt dns 192.0.2.1
opt domain example.org
opt lease 3600
EOC
touch "$D/udhcpd.leases"
cat > "$D/dhclient.conf" <<EOC
send host-name "kakapo-dhclient";
send dhcp-client-identifier 1:02:00:00:00:00:0b;
send dhcp-max-message-size 1400;
request subnet-mask, broadcast-address, time-offset, routers, domain-name, domain-name-servers, host-name, interface-mtu, ntp-servers;
EOC

ip netns exec kp-srv tcpdump -i kp-a -n -U -w "$D/dhcp.pcap" 'udp port 67 or udp port 68' 2>/dev/null &
TCPDUMP=$!
sleep 1
ip netns exec kp-srv busybox udhcpd -f "$D/udhcpd.conf" 2>/dev/null &
UDHCPD=$!
sleep 1
# -sf /bin/true: the clients never touch the namespace's addresses or /etc/resolv.conf
ip netns exec kp-cli timeout 15 dhclient -4 -d -1 -sf /bin/true -cf "$D/dhclient.conf" \
    -lf "$D/dhclient.leases" -pf "$D/dhclient.pid" kp-b 2>/dev/null || true
ip netns exec kp-cli timeout 15 udhcpc -f -n -q -t 2 -s /bin/true -i kp-b \
    -x hostname:kakapo-udhcpc -V kakapo-vendor 2>/dev/null || true
sleep 1
kill "$UDHCPD" "$TCPDUMP"
wait 2>/dev/null || true

python3 - "$D/dhcp.pcap" <<'EOP'
import struct, sys
data = open(sys.argv[1], 'rb').read()
at = 24  # pcap file header
while at < len(data):
    _, _, caplen, _ = struct.unpack('<IIII', data[at:at + 16])
    frame = data[at + 16:at + 16 + caplen]
    at += 16 + caplen
    ip = frame[14:]                    # Ethernet II
    udp = ip[(ip[0] & 0x0f) * 4:]
    length = struct.unpack('>H', udp[4:6])[0]
    print(udp[8:length].hex())
EOP
rm -rf "$D"
