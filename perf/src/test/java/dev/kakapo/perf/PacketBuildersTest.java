package dev.kakapo.perf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kakapo.protocol.v4.Message4;
import dev.kakapo.protocol.v4.MessageType4;
import dev.kakapo.protocol.v4.OptionCode4;
import dev.kakapo.protocol.v6.IaAddress;
import dev.kakapo.protocol.v6.IaPrefix;
import dev.kakapo.protocol.v6.IdentityAssociation;
import dev.kakapo.protocol.v6.Message6;
import dev.kakapo.protocol.v6.MessageType6;
import dev.kakapo.protocol.v6.Option6;
import dev.kakapo.protocol.v6.OptionCode6;
import dev.kakapo.protocol.v6.Options6;
import dev.kakapo.protocol.v6.Packet6;
import dev.kakapo.protocol.v6.RelayMessage6;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packets the generator stamps from its templates decode to exactly what they should say. */
class PacketBuildersTest {
    static final int GIADDR = 0xc0000202; // 192.0.2.2

    private static ClientPool pool(String... args) throws Exception {
        return ClientPool.of(PerfOptions.parse(args));
    }

    @Test
    void clientsDifferByTheirLastBytesFromTheBase() throws Exception {
        ClientPool p = pool("-R", "70000", "-b", "mac=00:0c:01:02:ff:ff", "192.0.2.1");
        assertArrayEquals(new byte[] {0, 0x0c, 1, 2, (byte) 0xff, (byte) 0xff}, p.mac(0));
        assertArrayEquals(new byte[] {0, 0x0c, 1, 3, 0, 0}, p.mac(1), "the counter carries over the last three bytes");
        byte[] duid = new byte[p.duidLength()];
        p.duid(2, duid, 0);
        assertArrayEquals(new byte[] {0, 3, 0, 1, 0, 0x0c, 1, 3, 0, 1}, duid, "a DUID-LL of the client's MAC");
    }

    @Test
    void aMacListFileGivesTheClients(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("macs.txt");
        Files.writeString(file, "# lab clients\n00:00:5e:00:53:01\n00-00-5e-00-53-02\n\n");
        ClientPool p = pool("-M", file.toString(), "192.0.2.1");
        assertEquals(2, p.size());
        assertArrayEquals(new byte[] {0, 0, 0x5e, 0, 0x53, 2}, p.mac(1));
        Files.writeString(file, "00:00:5e:00:53\n");
        Exception e = assertThrows(java.io.IOException.class, () -> pool("-M", file.toString(), "192.0.2.1"));
        assertTrue(e.getMessage().contains(":1:"), e.getMessage());
    }

    @Test
    void dhcp4DiscoverRequestRenewRelease() throws Exception {
        ClientPool p = pool("-R", "10", "192.0.2.1");
        Dhcp4Traffic t = new Dhcp4Traffic(p, GIADDR, false, new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 67));
        byte[] out = new byte[2048];
        Message4 discover = Message4.decode(out, 0, t.first(3, 0x1234, out));
        assertEquals(MessageType4.DISCOVER, discover.messageType());
        assertEquals(0x1234, discover.xid());
        assertEquals(GIADDR, discover.giaddr());
        assertEquals(1, discover.hops());
        assertArrayEquals(p.mac(3), discover.chaddr());
        assertNotNull(discover.options().get(OptionCode4.PARAMETER_REQUEST_LIST));
        assertEquals(-1, t.renew(3, 1, out), "no lease yet, nothing to renew");

        Message4 offer = Message4.builder().op(2).htype(1).chaddr(p.mac(3)).xid(0x1234).yiaddr(0xc0000264)
                .option(OptionCode4.MESSAGE_TYPE, new byte[] {2}).option(OptionCode4.SERVER_ID, new byte[] {(byte) 192, 0, 2, 1}).build();
        byte[] offerBytes = offer.encode();
        Traffic.Reply reply = t.read(offerBytes, offerBytes.length);
        assertEquals(0x1234, reply.xid());
        Message4 request = Message4.decode(out, 0, t.next(reply, Traffic.FIRST, 3, 0x1235, out));
        assertEquals(MessageType4.REQUEST, request.messageType());
        assertEquals(0x1235, request.xid());
        assertArrayEquals(new byte[] {(byte) 192, 0, 2, 100}, request.options().get(OptionCode4.REQUESTED_ADDRESS));
        assertArrayEquals(new byte[] {(byte) 192, 0, 2, 1}, request.options().get(OptionCode4.SERVER_ID));

        byte[] ack = offer.toBuilder().option(OptionCode4.MESSAGE_TYPE, new byte[] {5}).xid(0x1235).build().encode();
        assertEquals(-1, t.next(t.read(ack, ack.length), Traffic.SECOND, 3, -1, out), "an ACK completes the exchange");
        Message4 renew = Message4.decode(out, 0, t.renew(3, 0x2000, out));
        assertEquals(MessageType4.REQUEST, renew.messageType());
        assertEquals(0xc0000264, renew.ciaddr());
        assertNull(renew.options().get(OptionCode4.SERVER_ID));
        Message4 release = Message4.decode(out, 0, t.release(3, 0x2001, out));
        assertEquals(MessageType4.RELEASE, release.messageType());
        assertEquals(0xc0000264, release.ciaddr());
        assertEquals(-1, t.release(3, 0x2002, out), "a released lease is forgotten");
    }

    @Test
    void aNakEndsTheExchange() throws Exception {
        ClientPool p = pool("192.0.2.1");
        Dhcp4Traffic t = new Dhcp4Traffic(p, GIADDR, false, new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 67));
        byte[] nak = Message4.builder().op(2).htype(1).chaddr(p.mac(0)).xid(9).option(OptionCode4.MESSAGE_TYPE, new byte[] {6}).build().encode();
        Traffic.Reply r = t.read(nak, nak.length);
        assertTrue(r.nak());
        assertEquals(-1, t.next(r, Traffic.FIRST, 0, 10, new byte[2048]));
        assertNull(t.read(new byte[10], 10), "undecodable bytes are no reply");
    }

    @Test
    void dhcp6SolicitRelayedAndTheRequestThatFollows() throws Exception {
        ClientPool p = pool("-6", "-l", "::1", "-R", "5", "-A", "1");
        RelayMessage6 relay = new RelayMessage6(MessageType6.RELAY_FORW.code(), 0, InetAddress.getByName("2001:db8::1").getAddress(),
                InetAddress.getByName("fe80::1").getAddress(), Options6.none());
        Dhcp6Traffic t = new Dhcp6Traffic(p, "address-and-prefix", false, relay, new InetSocketAddress(InetAddress.getByName("::1"), 547));
        byte[] out = new byte[2048];
        Packet6 solicit = Packet6.decode(out, 0, t.first(4, 0xabcdef, out));
        assertEquals(1, solicit.relays().size());
        Message6 m = solicit.message();
        assertEquals(MessageType6.SOLICIT, m.type());
        assertEquals(0xabcdef, m.transactionId());
        byte[] duid = new byte[p.duidLength()];
        p.duid(4, duid, 0);
        assertArrayEquals(duid, m.options().first(OptionCode6.CLIENTID));
        assertNotNull(m.options().first(OptionCode6.IA_NA));
        assertNotNull(m.options().first(OptionCode6.IA_PD));
        assertFalse(m.options().contains(OptionCode6.RAPID_COMMIT));

        byte[] serverId = {0, 2, 0, 0, 9, (byte) 0xbf, 1};
        Option6 na = IdentityAssociation.iaNa(1, 100, 200, Options6.of(List.of(new IaAddress(InetAddress.getByName("2001:db8::100").getAddress(),
                300, 400, Options6.none()).toOption()))).toOption();
        Option6 pd = IdentityAssociation.iaPd(2, 100, 200, Options6.of(List.of(new IaPrefix(300, 400, 64,
                InetAddress.getByName("2001:db8:8::").getAddress(), Options6.none()).toOption()))).toOption();
        byte[] advertise = Message6.of(MessageType6.ADVERTISE.code(), 0xabcdef, Options6.of(List.of(
                new Option6(OptionCode6.CLIENTID, duid), new Option6(OptionCode6.SERVERID, serverId), na, pd))).encode();
        Traffic.Reply reply = t.read(advertise, advertise.length);
        assertFalse(reply.nak());
        Message6 request = Packet6.decode(out, 0, t.next(reply, Traffic.FIRST, 4, 0x10, out)).message();
        assertEquals(MessageType6.REQUEST, request.type());
        assertArrayEquals(serverId, request.options().first(OptionCode6.SERVERID));
        assertEquals(na, new Option6(OptionCode6.IA_NA, request.options().first(OptionCode6.IA_NA)));
        assertEquals(pd, new Option6(OptionCode6.IA_PD, request.options().first(OptionCode6.IA_PD)));

        byte[] replyBytes = Message6.of(MessageType6.REPLY.code(), 0x10, Options6.of(List.of(
                new Option6(OptionCode6.SERVERID, serverId), na, pd))).encode();
        assertEquals(-1, t.next(t.read(replyBytes, replyBytes.length), Traffic.SECOND, 4, -1, out));
        assertEquals(MessageType6.RENEW, Packet6.decode(out, 0, t.renew(4, 0x11, out)).message().type());
        assertEquals(MessageType6.RELEASE, Packet6.decode(out, 0, t.release(4, 0x12, out)).message().type());
        assertEquals(-1, t.renew(4, 0x13, out), "released: nothing to renew");
    }

    @Test
    void anIaWithoutAnAddressIsARefusal() throws Exception {
        ClientPool p = pool("-6", "-l", "::1");
        Dhcp6Traffic t = new Dhcp6Traffic(p, "address-only", true, null, new InetSocketAddress(InetAddress.getByName("::1"), 547));
        byte[] out = new byte[2048];
        assertTrue(Packet6.decode(out, 0, t.first(0, 1, out)).message().options().contains(OptionCode6.RAPID_COMMIT));
        byte[] noAddress = Message6.of(MessageType6.REPLY.code(), 1, Options6.of(List.of(
                new Option6(OptionCode6.SERVERID, new byte[] {0, 2, 0, 0, 0, 1, 1}),
                IdentityAssociation.iaNa(1, 0, 0, Options6.none()).toOption()))).encode();
        assertTrue(t.read(noAddress, noAddress.length).nak());
    }

    @Test
    void optionsAreCheckedLikePerfdhcp() {
        assertThrows(IllegalArgumentException.class, () -> PerfOptions.parse(new String[] {"-c", "192.0.2.1"}), "-c is DHCPv6");
        assertThrows(IllegalArgumentException.class, () -> PerfOptions.parse(new String[] {"-f", "10", "192.0.2.1"}), "-f needs -r");
        assertThrows(IllegalArgumentException.class, () -> PerfOptions.parse(new String[] {"-r", "10", "-f", "8", "-F", "8", "192.0.2.1"}));
        assertThrows(IllegalArgumentException.class, () -> PerfOptions.parse(new String[] {"-6", "::1"}), "-6 needs -l");
        assertThrows(IllegalArgumentException.class, () -> PerfOptions.parse(new String[] {"-R", "0", "192.0.2.1"}));
        PerfOptions o = PerfOptions.parse(new String[] {"-r100", "-D", "5%", "-d", "0.5", "-x", "ei", "192.0.2.1"});
        assertEquals(100, o.rate());
        assertEquals(5, o.maxDropPercent());
        assertEquals(0.5, o.dropSeconds());
        assertTrue(o.wantsDiagnostic('e') && o.wantsDiagnostic('i') && !o.wantsDiagnostic('a'));
        assertEquals("192.0.2.1", o.server());
    }
}
