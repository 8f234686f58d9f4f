package dev.kakapo.server.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.protocol.v4.Message4;
import dev.kakapo.protocol.v4.MessageType4;
import dev.kakapo.protocol.v4.OptionCode4;
import dev.kakapo.server.dhcp4.Relay4Client;
import dev.kakapo.server.testing.FreePorts;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code kakapo echo4}'s sockets on loopback: each request comes back as its reply, anything else gets none. */
class Echo4Test {

    @Test
    void aDiscoverComesBackAsAnOfferAndARequestAsAnAck() throws Exception {
        int port = FreePorts.udp();
        try (Dhcp4Listener echo = Dhcp4Listener.echo(List.of("lo/127.0.0.1"), port, 1);
             Relay4Client relay = new Relay4Client("127.0.0.2", "127.0.0.1", port)) {
            byte[] mac = Relay4Client.mac(7);
            Message4.Builder discover = Relay4Client.message(MessageType4.DISCOVER, mac).xid(0x1234);
            Message4 offer = relay.exchange(discover);
            assertEquals(MessageType4.OFFER, offer.messageType());
            assertEquals(2, offer.op());
            assertEquals(0x1234, offer.xid());
            assertEquals(Ipv4.parse("198.18.18.52"), offer.yiaddr());
            assertArrayEquals(Ipv4.toBytes(Ipv4.parse("127.0.0.1")), offer.options().get(OptionCode4.SERVER_ID));

            Message4 ack = relay.exchange(Relay4Client.message(MessageType4.REQUEST, mac).xid(0x1235)
                    .option(OptionCode4.REQUESTED_ADDRESS, Ipv4.toBytes(offer.yiaddr())));
            assertEquals(MessageType4.ACK, ack.messageType());
            assertEquals(0x1235, ack.xid());
        }
    }

    @Test
    void anythingButADiscoverOrRequestGetsNoAnswer() throws Exception {
        int port = FreePorts.udp();
        try (Dhcp4Listener echo = Dhcp4Listener.echo(List.of("lo/127.0.0.1"), port, 1);
             Relay4Client relay = new Relay4Client("127.0.0.2", "127.0.0.1", port)) {
            relay.send(Relay4Client.message(MessageType4.RELEASE, Relay4Client.mac(8)));
            assertTrue(relay.silentFor(500));
            // the sockets still answer afterwards
            assertEquals(MessageType4.OFFER, relay.exchange(Relay4Client.message(MessageType4.DISCOVER, Relay4Client.mac(9))).messageType());
        }
    }
}
