package dev.kakapo.perf;

import dev.kakapo.protocol.MalformedPacketException;
import dev.kakapo.protocol.v6.IdentityAssociation;
import dev.kakapo.protocol.v6.Message6;
import dev.kakapo.protocol.v6.MessageType6;
import dev.kakapo.protocol.v6.Option6;
import dev.kakapo.protocol.v6.OptionCode6;
import dev.kakapo.protocol.v6.Options6;
import dev.kakapo.protocol.v6.Packet6;
import dev.kakapo.protocol.v6.RelayMessage6;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * DHCPv6 exchanges, sent by a client on a link (to ff02::1:2) or, with -A 1, wrapped in one
 * Relay-forward. The SOLICIT comes from a template built once and patched per send (transaction
 * id, DUID); a REQUEST carries the IAs and server identifier of the ADVERTISE it answers.
 */
final class Dhcp6Traffic implements Traffic {
    private static final int IA_NA_ID = 1;
    private static final int IA_PD_ID = 2;
    /** RFC 8357: tells the server to answer the relay at its own source port when that is not 547. */
    static final int RELAY_SOURCE_PORT = 135;

    private final ClientPool clients;
    private final InetSocketAddress server;
    private final boolean addresses;
    private final boolean prefixes;
    private final boolean rapidCommit;
    private final RelayMessage6 relay;
    private final byte[] solicit;
    private final int solicitXidAt;
    private final int solicitDuidAt;
    /** Per client: the server identifier and the IAs of its lease (null = no lease). */
    private final byte[][] leaseServerId;
    private final List<Option6>[] leaseIas;

    /**
     * @param relay the Relay-forward header to wrap messages in (its options are added to), or null
     */
    @SuppressWarnings("unchecked")
    Dhcp6Traffic(ClientPool clients, String leaseType, boolean rapidCommit, RelayMessage6 relay, InetSocketAddress server) {
        this.clients = clients;
        this.server = server;
        this.addresses = !leaseType.equals("prefix-only");
        this.prefixes = !leaseType.equals("address-only");
        this.rapidCommit = rapidCommit;
        this.relay = relay;
        List<Option6> opts = new ArrayList<>();
        opts.add(new Option6(OptionCode6.CLIENTID, new byte[clients.duidLength()]));
        opts.add(new Option6(OptionCode6.ELAPSED_TIME, new byte[2]));
        opts.add(new Option6(OptionCode6.ORO, new byte[] {0, (byte) OptionCode6.DNS_SERVERS}));
        opts.addAll(emptyIas());
        if (rapidCommit) {
            opts.add(new Option6(OptionCode6.RAPID_COMMIT, new byte[0]));
        }
        byte[] inner = Message6.of(MessageType6.SOLICIT.code(), 0, Options6.of(opts)).encode();
        solicit = wrap(inner);
        int innerAt = solicit.length - inner.length;
        solicitXidAt = innerAt + 1;
        solicitDuidAt = innerAt + 4 + 4; // after type and xid: option code and length, then the DUID
        leaseServerId = new byte[clients.size()][];
        leaseIas = new List[clients.size()];
    }

    private List<Option6> emptyIas() {
        List<Option6> ias = new ArrayList<>(2);
        if (addresses) {
            ias.add(IdentityAssociation.iaNa(IA_NA_ID, 0, 0, Options6.none()).toOption());
        }
        if (prefixes) {
            ias.add(IdentityAssociation.iaPd(IA_PD_ID, 0, 0, Options6.none()).toOption());
        }
        return ias;
    }

    /** The message as sent: inside one Relay-forward with -A 1, otherwise as it is. */
    private byte[] wrap(byte[] inner) {
        if (relay == null) {
            return inner;
        }
        List<Option6> opts = new ArrayList<>(relay.options().all());
        opts.add(new Option6(OptionCode6.RELAY_MSG, inner));
        return new RelayMessage6(relay.typeCode(), relay.hopCount(), relay.linkAddress(), relay.peerAddress(), Options6.of(opts)).encode();
    }

    @Override
    public String[] exchangeNames() {
        return new String[] {rapidCommit ? "SOLICIT-REPLY" : "SOLICIT-ADVERTISE", "REQUEST-REPLY", "RENEW-REPLY", "RELEASE-REPLY"};
    }

    @Override
    public int xidMask() {
        return 0xffffff;
    }

    @Override
    public InetSocketAddress server() {
        return server;
    }

    @Override
    public int first(int client, int xid, byte[] out) {
        System.arraycopy(solicit, 0, out, 0, solicit.length);
        out[solicitXidAt] = (byte) (xid >>> 16);
        out[solicitXidAt + 1] = (byte) (xid >>> 8);
        out[solicitXidAt + 2] = (byte) xid;
        clients.duid(client, out, solicitDuidAt);
        return solicit.length;
    }

    @Override
    public int renew(int client, int xid, byte[] out) {
        return leaseMessage(MessageType6.RENEW, client, xid, out, false);
    }

    @Override
    public int release(int client, int xid, byte[] out) {
        return leaseMessage(MessageType6.RELEASE, client, xid, out, true);
    }

    private int leaseMessage(MessageType6 type, int client, int xid, byte[] out, boolean forget) {
        byte[] serverId = leaseServerId[client];
        List<Option6> ias = leaseIas[client];
        if (serverId == null || ias == null) {
            return -1;
        }
        if (forget) {
            leaseServerId[client] = null;
            leaseIas[client] = null;
        }
        return copy(message(type, client, xid, serverId, ias), out);
    }

    private byte[] message(MessageType6 type, int client, int xid, byte[] serverId, List<Option6> ias) {
        byte[] duid = new byte[clients.duidLength()];
        clients.duid(client, duid, 0);
        List<Option6> opts = new ArrayList<>();
        opts.add(new Option6(OptionCode6.CLIENTID, duid));
        opts.add(new Option6(OptionCode6.SERVERID, serverId));
        opts.add(new Option6(OptionCode6.ELAPSED_TIME, new byte[2]));
        opts.add(new Option6(OptionCode6.ORO, new byte[] {0, (byte) OptionCode6.DNS_SERVERS}));
        opts.addAll(ias);
        return wrap(Message6.of(type.code(), xid, Options6.of(opts)).encode());
    }

    private static int copy(byte[] message, byte[] out) {
        System.arraycopy(message, 0, out, 0, message.length);
        return message.length;
    }

    @Override
    public boolean releaseIsAnswered() {
        return true;
    }

    @Override
    public Reply read(byte[] in, int length) {
        try {
            Message6 m = Packet6.decode(in, 0, length).message();
            MessageType6 t = m.type();
            if (t != MessageType6.ADVERTISE && t != MessageType6.REPLY) {
                return null;
            }
            return new Reply(m.transactionId(), !grantsAll(m), m);
        } catch (MalformedPacketException e) {
            return null;
        }
    }

    /** Whether every IA asked for came back with an address or prefix (no status code refusing it). */
    private boolean grantsAll(Message6 m) throws MalformedPacketException {
        if (addresses) {
            byte[] na = m.options().first(OptionCode6.IA_NA);
            if (na == null || !IdentityAssociation.decodeIaNa(na).options().contains(OptionCode6.IAADDR)) {
                return false;
            }
        }
        if (prefixes) {
            byte[] pd = m.options().first(OptionCode6.IA_PD);
            return pd != null && IdentityAssociation.decodeIaPd(pd).options().contains(OptionCode6.IAPREFIX);
        }
        return true;
    }

    @Override
    public int next(Reply reply, int kind, int client, int xid, byte[] out) {
        Message6 m = (Message6) reply.message();
        byte[] serverId = m.options().first(OptionCode6.SERVERID);
        List<Option6> ias = new ArrayList<>(2);
        for (Option6 o : m.options().all()) {
            if (o.code() == OptionCode6.IA_NA || o.code() == OptionCode6.IA_PD) {
                ias.add(o);
            }
        }
        if (reply.nak() || serverId == null) {
            return -1;
        }
        if (kind == FIRST && m.type() == MessageType6.ADVERTISE && xid >= 0) {
            return copy(message(MessageType6.REQUEST, client, xid, serverId, ias), out);
        }
        if (m.type() == MessageType6.REPLY && kind != RELEASE) {
            leaseServerId[client] = serverId;
            leaseIas[client] = ias;
        }
        return -1;
    }
}
