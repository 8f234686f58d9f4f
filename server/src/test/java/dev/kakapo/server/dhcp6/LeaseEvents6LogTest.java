package dev.kakapo.server.dhcp6;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.coordinator.lease.Octets;
import dev.kakapo.protocol.v6.Message6;
import dev.kakapo.protocol.v6.MessageType6;
import dev.kakapo.protocol.v6.Option6;
import dev.kakapo.protocol.v6.OptionCode6;
import dev.kakapo.protocol.v6.Options6;
import dev.kakapo.server.Ports;
import dev.kakapo.server.ServerNode;
import dev.kakapo.server.config.Dhcp6ConfigParser;
import dev.kakapo.server.testing.FreePorts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With kea-dhcp6.leases at DEBUG, a rapid-commit SOLICIT, a RELEASE and a DECLINE log one line
 * each with the address, prefix length, subnet, DUID, IAID and xid.
 */
class LeaseEvents6LogTest {
    @TempDir
    Path dir;

    private static Message6 withServerId(MessageType6 type, int client, Message6 fromServer, Option6... more) {
        Message6 m = Relay6Client.message(type, client, more);
        List<Option6> all = new ArrayList<>(m.options().all());
        all.add(new Option6(OptionCode6.SERVERID, fromServer.options().first(OptionCode6.SERVERID)));
        return Message6.of(m.typeCode(), m.transactionId(), Options6.of(all));
    }

    private static String line(List<String> lines, String event) throws InterruptedException {
        for (int i = 0; i < 50 && lines.stream().noneMatch(l -> l.startsWith("event=" + event + " ")); i++) {
            Thread.sleep(100);
        }
        return lines.stream().filter(l -> l.startsWith("event=" + event + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + event + " line in " + lines));
    }

    @Test
    void grantedReleasedAndDeclinedLeasesAreLoggedWithTheirFields() throws Exception {
        Logger leases = Logger.getLogger("dev.kakapo.server.dhcp6.leases");
        Level before = leases.getLevel();
        List<String> lines = new CopyOnWriteArrayList<>();
        Formatter text = new Formatter() {
            @Override
            public String format(LogRecord r) {
                return formatMessage(r);
            }
        };
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                lines.add(text.format(r));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        capture.setLevel(Level.ALL);
        leases.setLevel(Level.FINE);
        leases.addHandler(capture);
        int port = FreePorts.udp6();
        try (ServerNode node = ServerNode.start(null, null, Dhcp6ConfigParser.parse(Dhcp6ExchangeTest.CONFIG, dir),
                new Ports(port, FreePorts.udp6()));
             Relay6Client relay = new Relay6Client(port, "2001:db8:1::1")) {
            Message6 reply = relay.exchange(Relay6Client.message(MessageType6.SOLICIT, 41, Relay6Client.iaNa(5),
                    new Option6(OptionCode6.RAPID_COMMIT, new byte[0]))).message();
            assertEquals(MessageType6.REPLY, reply.type());
            Ipv6Address address = Dhcp6ExchangeTest.address(Dhcp6ExchangeTest.iaNa(reply));
            String duid = Octets.of(Relay6Client.duid(41).bytes()).toString();
            String granted = line(lines, "lease-granted");
            assertTrue(granted.contains(" type=IA_NA address=" + address.toText() + " prefix-len=128 subnet=1 "), granted);
            assertTrue(granted.contains(" duid=" + duid + " iaid=5 "), granted);
            assertTrue(granted.contains(" xid=0x" + Integer.toHexString(reply.transactionId()) + " "), granted);
            assertTrue(granted.contains(" valid-lifetime=4000"), granted);

            Message6 release = withServerId(MessageType6.RELEASE, 41, reply, Relay6Client.iaNa(5, Relay6Client.iaAddress(address)));
            assertEquals(MessageType6.REPLY, relay.exchange(release).message().type());
            String released = line(lines, "lease-released");
            assertTrue(released.contains(" address=" + address.toText() + " prefix-len=128 subnet=1 duid=" + duid + " iaid=5 "), released);
            assertTrue(released.contains(" xid=0x" + Integer.toHexString(release.transactionId())), released);

            Message6 second = relay.exchange(Relay6Client.message(MessageType6.SOLICIT, 42, Relay6Client.iaNa(6),
                    new Option6(OptionCode6.RAPID_COMMIT, new byte[0]))).message();
            Ipv6Address other = Dhcp6ExchangeTest.address(Dhcp6ExchangeTest.iaNa(second));
            Message6 decline = withServerId(MessageType6.DECLINE, 42, second, Relay6Client.iaNa(6, Relay6Client.iaAddress(other)));
            assertEquals(MessageType6.REPLY, relay.exchange(decline).message().type());
            String declined = line(lines, "lease-declined");
            assertTrue(declined.contains(" address=" + other.toText() + " prefix-len=128 subnet=1 "), declined);
            assertTrue(declined.contains(" duid=" + Octets.of(Relay6Client.duid(42).bytes()) + " iaid=6 "), declined);
            assertTrue(declined.contains(" probation=600"), declined);
        } finally {
            leases.removeHandler(capture);
            leases.setLevel(before);
        }
    }
}
