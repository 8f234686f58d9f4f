package dev.kakapo.server.dhcp6;

import dev.kakapo.protocol.v6.Message6;
import dev.kakapo.protocol.v6.Packet6;
import java.net.InetSocketAddress;

/**
 * A reply to a client message, framed for the wire like the request: inside RELAY-REPL messages
 * mirroring the request's relays, sent to {@code destination}.
 */
public record Reply6(Packet6 request, Message6 message, InetSocketAddress destination) {

    public byte[] encode() {
        return request.encodeReply(message);
    }
}
