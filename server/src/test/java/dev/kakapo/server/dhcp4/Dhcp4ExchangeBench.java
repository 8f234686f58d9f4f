package dev.kakapo.server.dhcp4;

import dev.kakapo.coordinator.allocator.PartitionedAllocator4;
import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.coordinator.memfile.MemfileLeaseStore4;
import dev.kakapo.protocol.v4.Message4;
import dev.kakapo.protocol.v4.MessageType4;
import dev.kakapo.protocol.v4.OptionCode4;
import dev.kakapo.server.config.Dhcp4Config;
import dev.kakapo.server.config.Dhcp4ConfigParser;
import dev.kakapo.server.ddns.DnsUpdates;
import dev.kakapo.server.hosts.HostSources;
import dev.kakapo.server.hosts.ReservationLookup4;
import dev.kakapo.server.metrics.PacketCounters;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one DHCPv4 exchange costs the server's own code: a relayed DISCOVER and REQUEST of a
 * returning client, each decoded from its bytes, processed (classification, subnet selection,
 * the in-process allocator, the lease's CSV row, options) and its reply encoded — everything
 * between the socket and the lease file, neither of which is in it. One operation is one whole
 * exchange, so {@code -prof gc}'s {@code gc.alloc.rate.norm} is bytes allocated per exchange.
 * Run as docs/benchmarks.md says.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class Dhcp4ExchangeBench {
    /** Returning clients taking turns, fewer than the pool's 241 addresses. */
    private static final int CLIENTS = 200;
    private static final int RELAY = Ipv4.parse("198.51.100.1");
    private static final int SERVER = Ipv4.parse("192.0.2.1");
    private static final String CONFIG = """
            { "Dhcp4": { "valid-lifetime": 4000, "renew-timer": 1000, "rebind-timer": 2000,
              "option-data": [ { "name": "domain-name-servers", "data": "192.0.2.53" } ],
              "subnet4": [ { "id": 1, "subnet": "198.51.100.0/24", "relay": { "ip-addresses": [ "198.51.100.1" ] },
                             "pools": [ { "pool": "198.51.100.10 - 198.51.100.250" } ],
                             "option-data": [ { "name": "routers", "data": "198.51.100.1" } ] } ] } }""";

    private Dhcp4Processor processor;
    private final byte[][] discovers = new byte[CLIENTS][];
    private final byte[][] requests = new byte[CLIENTS][];
    private int next;

    @Setup
    public void setUp() throws Exception {
        Dhcp4Config config = Dhcp4ConfigParser.parse(CONFIG, Path.of("."));
        PartitionedAllocator4 allocator = PartitionedAllocator4.inProcess(MemfileLeaseStore4.inMemory(), Clock.systemUTC());
        processor = new Dhcp4Processor(config, allocator, new ReservationLookup4(config, HostSources.NONE), DnsUpdates.NONE,
                new PacketCounters(), 67, 68);
        for (int i = 0; i < CLIENTS; i++) {
            byte[] mac = Relay4Client.mac(i);
            discovers[i] = Relay4Client.message(MessageType4.DISCOVER, mac).giaddr(RELAY).xid(i).build().encode();
            Message4 offer = answer(discovers[i]);
            if (offer.messageType() != MessageType4.OFFER) {
                throw new IllegalStateException("client " + i + " was not offered an address: " + offer.messageType());
            }
            requests[i] = Relay4Client.message(MessageType4.REQUEST, mac).giaddr(RELAY).xid(i)
                    .option(OptionCode4.REQUESTED_ADDRESS, Ipv4.toBytes(offer.yiaddr()))
                    .option(OptionCode4.SERVER_ID, offer.options().get(OptionCode4.SERVER_ID)).build().encode();
            if (answer(requests[i]).messageType() != MessageType4.ACK) {
                throw new IllegalStateException("client " + i + " was not acknowledged");
            }
        }
    }

    private Message4 answer(byte[] request) throws Exception {
        Inbound4 in = new Inbound4(Message4.decode(request), RELAY, 67, "eth0", SERVER, false, request.length);
        return processor.process(in).get().orElseThrow().message();
    }

    /** One exchange of a returning client: DISCOVER → OFFER, REQUEST → ACK, each reply encoded. */
    @Benchmark
    public int exchange() throws Exception {
        int i = next;
        next = (i + 1) % CLIENTS;
        return replyLength(discovers[i]) + replyLength(requests[i]);
    }

    private int replyLength(byte[] request) throws Exception {
        Inbound4 in = new Inbound4(Message4.decode(request), RELAY, 67, "eth0", SERVER, false, request.length);
        return processor.process(in).get().orElseThrow().message().encode(576).length;
    }
}
