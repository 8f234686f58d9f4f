package dev.kakapo.server.dhcp6;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.protocol.v6.Duid;
import dev.kakapo.protocol.v6.Message6;
import dev.kakapo.protocol.v6.MessageType6;
import dev.kakapo.protocol.v6.Option6;
import dev.kakapo.protocol.v6.OptionCode6;
import dev.kakapo.protocol.v6.Packet6;
import dev.kakapo.server.config.Dhcp6Config;
import dev.kakapo.server.config.Dhcp6ConfigParser;
import dev.kakapo.server.ddns.DnsUpdates;
import dev.kakapo.server.hosts.HostSources;
import dev.kakapo.server.hosts.ReservationLookup6;
import dev.kakapo.server.metrics.PacketCounters;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that unicasts a REQUEST to an address of the interface that interfaces-config does
 * not name (an {@code "eth0"} entry binds every address of eth0 for relays) is told UseMulticast
 * (RFC 8415 18.4). On loopback every unicast address is a named one ({@code "lo/::1"}; lo has no
 * multicast), so this is the processor given such a packet as the listener hands it over; the
 * named case runs over UDP in {@link Dhcp6ExchangeTest}.
 */
class UseMulticast6Test {
    @TempDir
    Path dir;

    @Test
    void unicastToAnAddressNotNamedInInterfacesConfigIsToldToUseMulticast() throws Exception {
        Dhcp6Config config = Dhcp6ConfigParser.parse(Dhcp6ExchangeTest.CONFIG, dir);
        PacketCounters counters = new PacketCounters();
        // no allocator: a message answered with UseMulticast never reaches one
        Dhcp6Processor processor = new Dhcp6Processor(config, null, new ReservationLookup6(config, HostSources.NONE),
                DnsUpdates.NONE, counters, Duid.ll(1, new byte[] {0x02, 0, 0x5e, 0, 0x53, 1}), 547, 546);
        Message6 request = Message6.of(MessageType6.REQUEST.code(), 0x1234,
                Relay6Client.message(MessageType6.REQUEST, 30, Relay6Client.iaNa(1),
                        new Option6(OptionCode6.SERVERID, Duid.ll(1, new byte[] {0x02, 0, 0x5e, 0, 0x53, 1}).bytes()))
                        .options());
        InetSocketAddress client = new InetSocketAddress(InetAddress.getByName("2001:db8:1::77"), 546);
        Inbound6 notNamed = new Inbound6(Packet6.decode(request.encode()), client, "eth0",
                List.of(Ipv6Address.parse("2001:db8:1::1")), true, request.encode().length, null);

        Optional<Reply6> reply = processor.process(notNamed).get();

        Message6 answer = reply.orElseThrow().message();
        assertEquals(MessageType6.REPLY, answer.type());
        assertEquals(dev.kakapo.protocol.v6.StatusCode6.USE_MULTICAST,
                Dhcp6ExchangeTest.status(answer.options().first(OptionCode6.STATUS_CODE)));
        assertNull(answer.options().first(OptionCode6.IA_NA), "nothing else is in the reply");
        assertNull(answer.options().first(OptionCode6.UNICAST), "no unicast address to offer");
    }
}
