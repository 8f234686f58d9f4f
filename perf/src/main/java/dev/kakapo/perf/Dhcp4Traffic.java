package dev.kakapo.perf;

import dev.kakapo.protocol.MalformedPacketException;
import dev.kakapo.protocol.v4.Message4;
import dev.kakapo.protocol.v4.MessageType4;
import dev.kakapo.protocol.v4.OptionCode4;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * DHCPv4 exchanges as a relay agent sends them (perfdhcp's way: giaddr = our address, so the
 * server answers us at the server port), or broadcast from port 68 when no server is named.
 * Each message comes from a template built once; a send copies it and patches the transaction
 * id, the client's MAC and the addresses.
 */
final class Dhcp4Traffic implements Traffic {
    private static final int XID = 4;
    private static final int CIADDR = 12;
    private static final int CHADDR = 28;
    private static final byte[] PRL = {1, 3, 6, 15, 51, 54, 58, 59};

    private final ClientPool clients;
    private final InetSocketAddress server;
    private final byte[] discover;
    private final byte[] request;
    private final int requestedAt;
    private final int requestServerIdAt;
    private final byte[] renew;
    private final byte[] release;
    private final int releaseServerIdAt;
    /** Per client: the leased address and the server that granted it (0 = no lease). */
    private final int[] leased;
    private final int[] leasedFrom;

    Dhcp4Traffic(ClientPool clients, int giaddr, boolean broadcastFlag, InetSocketAddress server) {
        this.clients = clients;
        this.server = server;
        int flags = broadcastFlag || giaddr == 0 ? 0x8000 : 0;
        int hops = giaddr == 0 ? 0 : 1;
        byte[] zeroMac = new byte[6];
        discover = Message4.builder().op(1).htype(1).chaddr(zeroMac).hops(hops).flags(flags).giaddr(giaddr)
                .option(OptionCode4.MESSAGE_TYPE, new byte[] {(byte) MessageType4.DISCOVER.code()})
                .option(OptionCode4.PARAMETER_REQUEST_LIST, PRL).build().encode();
        request = Message4.builder().op(1).htype(1).chaddr(zeroMac).hops(hops).flags(flags).giaddr(giaddr)
                .option(OptionCode4.MESSAGE_TYPE, new byte[] {(byte) MessageType4.REQUEST.code()})
                .option(OptionCode4.REQUESTED_ADDRESS, new byte[4])
                .option(OptionCode4.SERVER_ID, new byte[4])
                .option(OptionCode4.PARAMETER_REQUEST_LIST, PRL).build().encode();
        requestedAt = payloadOffset(request, OptionCode4.REQUESTED_ADDRESS);
        requestServerIdAt = payloadOffset(request, OptionCode4.SERVER_ID);
        renew = Message4.builder().op(1).htype(1).chaddr(zeroMac).hops(hops).giaddr(giaddr)
                .option(OptionCode4.MESSAGE_TYPE, new byte[] {(byte) MessageType4.REQUEST.code()})
                .option(OptionCode4.PARAMETER_REQUEST_LIST, PRL).build().encode();
        release = Message4.builder().op(1).htype(1).chaddr(zeroMac).hops(hops).giaddr(giaddr)
                .option(OptionCode4.MESSAGE_TYPE, new byte[] {(byte) MessageType4.RELEASE.code()})
                .option(OptionCode4.SERVER_ID, new byte[4]).build().encode();
        releaseServerIdAt = payloadOffset(release, OptionCode4.SERVER_ID);
        leased = new int[clients.size()];
        leasedFrom = new int[clients.size()];
    }

    /** Where the payload of option {@code code} starts in an encoded template. */
    private static int payloadOffset(byte[] msg, int code) {
        for (int i = 240; i < msg.length && (msg[i] & 0xff) != OptionCode4.END; ) {
            int c = msg[i] & 0xff;
            if (c == OptionCode4.PAD) {
                i++;
                continue;
            }
            if (c == code) {
                return i + 2;
            }
            i += 2 + (msg[i + 1] & 0xff);
        }
        throw new IllegalStateException("template has no option " + code);
    }

    @Override
    public String[] exchangeNames() {
        return new String[] {"DISCOVER-OFFER", "REQUEST-ACK", "REQUEST-ACK (renewal)", "RELEASE"};
    }

    @Override
    public int xidMask() {
        return 0x7fffffff;
    }

    @Override
    public InetSocketAddress server() {
        return server;
    }

    private int stamp(byte[] template, int client, int xid, byte[] out) {
        System.arraycopy(template, 0, out, 0, template.length);
        putInt(out, XID, xid);
        clients.mac(client, out, CHADDR);
        return template.length;
    }

    @Override
    public int first(int client, int xid, byte[] out) {
        return stamp(discover, client, xid, out);
    }

    @Override
    public int renew(int client, int xid, byte[] out) {
        int address = leased[client];
        if (address == 0) {
            return -1;
        }
        int n = stamp(renew, client, xid, out);
        putInt(out, CIADDR, address);
        return n;
    }

    @Override
    public int release(int client, int xid, byte[] out) {
        int address = leased[client];
        if (address == 0) {
            return -1;
        }
        int n = stamp(release, client, xid, out);
        putInt(out, CIADDR, address);
        putInt(out, releaseServerIdAt, leasedFrom[client]);
        leased[client] = 0;
        return n;
    }

    @Override
    public boolean releaseIsAnswered() {
        return false;
    }

    @Override
    public Reply read(byte[] in, int length) {
        try {
            Message4 m = Message4.decode(in, 0, length);
            if (m.op() != 2) {
                return null;
            }
            return new Reply(m.xid(), m.messageType() == MessageType4.NAK, m);
        } catch (MalformedPacketException e) {
            return null;
        }
    }

    @Override
    public int next(Reply reply, int kind, int client, int xid, byte[] out) {
        Message4 m = (Message4) reply.message();
        if (reply.nak()) {
            return -1;
        }
        byte[] serverId = m.options().get(OptionCode4.SERVER_ID);
        if (kind == FIRST && m.messageType() == MessageType4.OFFER && xid >= 0) {
            int n = stamp(request, client, xid, out);
            putInt(out, requestedAt, m.yiaddr());
            if (serverId != null && serverId.length == 4) {
                System.arraycopy(serverId, 0, out, requestServerIdAt, 4);
            }
            return n;
        }
        if (m.messageType() == MessageType4.ACK && m.yiaddr() != 0) {
            leased[client] = m.yiaddr();
            leasedFrom[client] = serverId != null && serverId.length == 4 ? getInt(serverId, 0) : 0;
        }
        return -1;
    }

    private static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    private static int getInt(byte[] b, int off) {
        return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }

    static int ipv4(InetAddress a) {
        byte[] b = a.getAddress();
        return getInt(b, 0);
    }
}
