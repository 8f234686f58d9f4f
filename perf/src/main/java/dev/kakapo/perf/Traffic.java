package dev.kakapo.perf;

import java.net.InetSocketAddress;

/**
 * What one family's exchanges look like on the wire: the messages a client sends, how replies
 * are read, and what a client remembers between exchanges. The generator is the same for both.
 */
interface Traffic {
    /** Exchange kinds, the index of each one's statistics. */
    int FIRST = 0;
    int SECOND = 1;
    int RENEW = 2;
    int RELEASE = 3;

    /** perfdhcp's names of the four exchanges ({@code DISCOVER-OFFER}, ...), by kind. */
    String[] exchangeNames();

    /** How many bits a transaction id has. */
    int xidMask();

    /** Where requests go. */
    InetSocketAddress server();

    /** Writes client {@code client}'s first message (DISCOVER / SOLICIT) into {@code out}; returns its length. */
    int first(int client, int xid, byte[] out);

    /** Writes a renewal of the client's lease; -1 when it holds none. */
    int renew(int client, int xid, byte[] out);

    /** Writes a release of the client's lease (and forgets it); -1 when it holds none. */
    int release(int client, int xid, byte[] out);

    /** Whether the server answers a release (DHCPv6 does, DHCPv4 does not). */
    boolean releaseIsAnswered();

    /** A reply's transaction id and what the client does next; null when the bytes are not a reply. */
    Reply read(byte[] in, int length);

    /**
     * After the reply to a {@code kind} exchange: writes the next message of the client's exchange
     * (REQUEST after OFFER / ADVERTISE) into {@code out} and returns its length, or -1 when the
     * exchange is complete; remembers a granted lease for renewals and releases.
     */
    int next(Reply reply, int kind, int client, int xid, byte[] out);

    /** A decoded reply. {@code nak}: the server refused (DHCPNAK, or an IA with no lease). */
    record Reply(int xid, boolean nak, Object message) {
    }
}
