package dev.kakapo.server.dhcp4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.protocol.v4.Message4;
import dev.kakapo.protocol.v4.MessageType4;
import dev.kakapo.server.Ports;
import dev.kakapo.server.ServerNode;
import dev.kakapo.server.config.Dhcp4ConfigParser;
import dev.kakapo.server.testing.FreePorts;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With kea-dhcp4.leases at DEBUG, a DORA and a RELEASE log one line each with the client, address, subnet and xid. */
class LeaseEventsLogTest {
    @TempDir
    Path dir;

    @Test
    void grantedAndReleasedLeasesAreLoggedWithTheirFields() throws Exception {
        Logger leases = Logger.getLogger("dev.kakapo.server.dhcp4.leases");
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
        int port = FreePorts.udp();
        try (ServerNode node = ServerNode.start(Dhcp4ConfigParser.parse(Dhcp4ExchangeTest.CONFIG, dir),
                new Ports(port, FreePorts.udp()), null, null);
             Relay4Client relay = new Relay4Client("127.0.0.2", "127.0.0.1", port)) {
            byte[] mac = Relay4Client.mac(7);
            Message4 ack = relay.dora(mac);
            assertEquals(MessageType4.ACK, ack.messageType());
            String address = Ipv4.toText(ack.yiaddr());
            String granted = lines.stream().filter(l -> l.startsWith("event=lease-granted")).findFirst().orElseThrow(
                    () -> new AssertionError("no lease-granted line in " + lines));
            assertTrue(granted.contains(" address=" + address + " subnet=1 "), granted);
            assertTrue(granted.contains(" hwaddr=" + dev.kakapo.coordinator.lease.Octets.of(mac)), granted);
            assertTrue(granted.contains(" xid=0x" + Integer.toHexString(ack.xid())), granted);

            relay.send(Relay4Client.message(MessageType4.RELEASE, mac).ciaddr(ack.yiaddr()));
            for (int i = 0; i < 50 && lines.stream().noneMatch(l -> l.startsWith("event=lease-released")); i++) {
                Thread.sleep(100);
            }
            String released = lines.stream().filter(l -> l.startsWith("event=lease-released")).findFirst().orElseThrow(
                    () -> new AssertionError("no lease-released line in " + lines));
            assertTrue(released.contains(" address=" + address + " subnet=1 "), released);
        } finally {
            leases.removeHandler(capture);
            leases.setLevel(before);
        }
    }
}
