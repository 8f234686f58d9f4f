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

    /** perfdhcp's DISCOVER ends at its end option, with no padding to grow into. */
    @Test
    void aRequestWithoutPaddingIsAnsweredToo() throws Exception {
        int port = FreePorts.udp();
        try (Dhcp4Listener echo = Dhcp4Listener.echo(List.of("lo/127.0.0.1"), port, 1);
             Relay4Client relay = new Relay4Client("127.0.0.2", "127.0.0.1", port)) {
            byte[] padded = Relay4Client.message(MessageType4.DISCOVER, Relay4Client.mac(10)).xid(0x77).giaddr(Ipv4.parse("127.0.0.2"))
                    .build().encode();
            int end = 240;
            while ((padded[end] & 0xff) != 255) {
                end += padded[end] == 0 ? 1 : 2 + (padded[end + 1] & 0xff);
            }
            relay.sendRaw(java.util.Arrays.copyOf(padded, end + 1));
            Message4 offer = relay.receive(0x77);
            assertEquals(MessageType4.OFFER, offer.messageType());
            assertArrayEquals(Ipv4.toBytes(Ipv4.parse("127.0.0.1")), offer.options().get(OptionCode4.SERVER_ID));
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
