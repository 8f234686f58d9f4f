package dev.kakapo.server.ddns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.ddns.bind.BindServer;
import dev.kakapo.protocol.dns.ClientFqdn4;
import dev.kakapo.protocol.dns.DomainName;
import dev.kakapo.protocol.v4.Message4;
import dev.kakapo.protocol.v4.MessageType4;
import dev.kakapo.protocol.v4.OptionCode4;
import dev.kakapo.server.Ports;
import dev.kakapo.server.ServerNode;
import dev.kakapo.server.config.Dhcp4ConfigParser;
import dev.kakapo.server.dhcp4.Relay4Client;
import dev.kakapo.server.testing.FreePorts;
import dev.kakapo.server.testing.KakapoProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferIn;

/**
 * The ddns-worker process is killed with SIGKILL twice while a DHCPv4 server streams name changes
 * to it (clients leasing with names, some releasing at once), and started again each time. In the
 * end BIND's zones hold exactly what the leases say: each leased client's A, PTR and DHCID
 * records, and nothing of the released ones.
 */
@Tag("e2e")
class DdnsWorkerCrashE2ETest {
    static final int CLIENTS = 60;
    static final byte[] PRL = {1, 3, 6, 12, 81};

    @TempDir
    Path dir;
    private BindServer bind;
    private final AtomicReference<KakapoProcess> worker = new AtomicReference<>();
    private ServerNode node;

    @AfterEach
    void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        KakapoProcess running = worker.get();
        if (running != null) {
            running.close();
        }
        if (bind != null) {
            bind.close();
        }
    }

    private KakapoProcess startWorker(Path config, int run) throws Exception {
        return KakapoProcess.start(KakapoProcess.onTestClassPath("ddns-worker", "-c", config.toString()),
                dir.resolve("worker" + run + ".log"), Duration.ofSeconds(60));
    }

    @Test
    void afterWorkerCrashesTheZonesHoldExactlyTheLeasedNames() throws Exception {
        bind = BindServer.start();
        int workerPort = FreePorts.tcp();
        BindServer.Key key = bind.key("kakapo-sha256");
        Path workerConfig = dir.resolve("ddns.json");
        Files.writeString(workerConfig, """
                { "DhcpDdns": { "ip-address": "127.0.0.1", "port": %d, "dns-server-timeout": 2000,
                  "tsig-keys": [ { "name": "%s", "algorithm": "HMAC-SHA256", "secret": "%s" } ],
                  "forward-ddns": { "ddns-domains": [ { "name": "example.com.", "key-name": "%s",
                                    "dns-servers": [ { "ip-address": "127.0.0.1", "port": %d } ] } ] },
                  "reverse-ddns": { "ddns-domains": [ { "name": "2.0.192.in-addr.arpa.", "key-name": "%s",
                                    "dns-servers": [ { "ip-address": "127.0.0.1", "port": %d } ] } ] } } }
                """.formatted(workerPort, key.name(), key.secret(), key.name(), bind.port(), key.name(), bind.port()));
        worker.set(startWorker(workerConfig, 0));
        int port = FreePorts.udp();
        node = ServerNode.start(Dhcp4ConfigParser.parse("""
                { "Dhcp4": {
                    "interfaces-config": { "interfaces": [ "lo/127.0.0.1" ] },
                    "lease-database": { "type": "memfile", "name": "leases4.csv", "lfc-interval": 0 },
                    "valid-lifetime": 4000,
                    "dhcp-ddns": { "enable-updates": true, "qualifying-suffix": "example.com.",
                                   "server-ip": "127.0.0.1", "server-port": %d },
                    "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "relay": { "ip-addresses": [ "127.0.0.2" ] },
                                   "pools": [ { "pool": "192.0.2.100 - 192.0.2.199" } ] } ] } }
                """.formatted(workerPort), dir), new Ports(port, FreePorts.udp()), null, null);

        Map<String, Integer> leased = new ConcurrentHashMap<>(); // name -> address
        List<String> released = new ArrayList<>();
        List<Long> restartMillis = new ArrayList<>();
        // the crashes: SIGKILL after the 15th and the 40th client, the worker started again at once
        Thread crashes = new Thread(() -> {
            try {
                for (int run = 1; run <= 2; run++) {
                    int after = run == 1 ? 15 : 40;
                    while (leased.size() + released.size() < after) {
                        Thread.sleep(5);
                    }
                    worker.get().kill();
                    long killed = System.nanoTime();
                    worker.set(startWorker(workerConfig, run));
                    restartMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed));
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "ddns-worker-crashes");
        crashes.start();
        try (Relay4Client relay = new Relay4Client("127.0.0.2", "127.0.0.1", port)) {
            for (int n = 0; n < CLIENTS; n++) {
                String name = "crash-" + n;
                byte[] mac = {2, 0, 0x5e, 0x41, 0, (byte) n};
                Message4 ack = dora(relay, mac, name);
                if (n % 3 == 0) {
                    // an add and its remove in quick succession: the remove must win
                    relay.send(Relay4Client.message(MessageType4.RELEASE, mac).ciaddr(ack.yiaddr())
                            .option(OptionCode4.SERVER_ID, ack.options().get(OptionCode4.SERVER_ID)));
                    synchronized (released) {
                        released.add(name);
                    }
                } else {
                    leased.put(name, ack.yiaddr());
                }
                Thread.sleep(50); // a stream over a few seconds, so the crashes land in it
            }
        }
        crashes.join(TimeUnit.SECONDS.toMillis(120));
        assertEquals(2, restartMillis.size(), "the worker was killed and started twice");

        long settling = System.nanoTime();
        // Every request handed to a worker and answered: until then a released name may simply
        // not have been added yet, and "no A record" would prove nothing.
        NameChangeSender sender = node.dhcp4().dns().sender();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int quietChecks = 0;
        while (quietChecks < 10 && System.nanoTime() < deadline) {
            quietChecks = sender.queueDepth() == 0 ? quietChecks + 1 : 0;
            Thread.sleep(50);
        }
        assertEquals(0, sender.queueDepth(), "name changes still waiting after 60 s: " + sender.counts());
        for (Map.Entry<String, Integer> e : leased.entrySet()) {
            String fqdn = e.getKey() + ".example.com.";
            bind.awaitAnswer(fqdn, Type.A, List.of(Ipv4.toText(e.getValue())));
            bind.awaitAnswer(reverse(e.getValue()), Type.PTR, List.of(fqdn));
            assertEquals(1, bind.query(fqdn, Type.DHCID).size(), fqdn + " DHCID");
        }
        for (String name : released) {
            String fqdn = name + ".example.com.";
            bind.awaitAnswer(fqdn, Type.A, List.of());
            assertEquals(0, bind.query(fqdn, Type.DHCID).size(), fqdn + " DHCID");
        }
        long settledMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - settling);

        // nothing else: the whole zones, record by record, are the leases'
        Map<String, String> forward = new TreeMap<>();
        leased.forEach((name, address) -> forward.put(name + ".example.com.", Ipv4.toText(address)));
        assertEquals(forward, records("example.com.", Type.A), "A records of example.com");
        Map<String, String> reverse = new TreeMap<>();
        leased.forEach((name, address) -> reverse.put(reverse(address), name + ".example.com."));
        assertEquals(reverse, records("2.0.192.in-addr.arpa.", Type.PTR), "PTR records of 2.0.192.in-addr.arpa");
        assertEquals(leased.size(), records("example.com.", Type.DHCID).size(), "DHCID records of example.com");
        System.out.printf("ddns-worker killed twice: restarts took %s ms; %d names leased, %d released; "
                + "DNS matched the leases %d ms after the last client%n", restartMillis, leased.size(), released.size(), settledMillis);
    }

    /** Every record of {@code type} in the zone, by owner name, read by a zone transfer. */
    private Map<String, String> records(String zone, int type) throws Exception {
        ZoneTransferIn transfer = ZoneTransferIn.newAXFR(Name.fromString(zone), "127.0.0.1", bind.port(), null);
        transfer.setTimeout(Duration.ofSeconds(10));
        transfer.run();
        Map<String, String> found = new TreeMap<>();
        for (Record r : transfer.getAXFR()) {
            if (r.getType() == type) {
                String previous = found.put(r.getName().toString(), r.rdataToString());
                assertTrue(previous == null, "two " + Type.string(type) + " records for " + r.getName());
            }
        }
        found.remove("ns.example.com.");
        return found;
    }

    private static Message4 dora(Relay4Client relay, byte[] mac, String name) throws Exception {
        byte[] fqdn = new ClientFqdn4(ClientFqdn4.FLAG_S | ClientFqdn4.FLAG_E, 0, 0, DomainName.parse(name)).encode();
        Message4 offer = relay.exchange(Relay4Client.message(MessageType4.DISCOVER, mac)
                .option(OptionCode4.PARAMETER_REQUEST_LIST, PRL).option(OptionCode4.CLIENT_FQDN, fqdn));
        assertEquals(MessageType4.OFFER, offer.messageType());
        Message4 ack = relay.exchange(Relay4Client.message(MessageType4.REQUEST, mac)
                .option(OptionCode4.PARAMETER_REQUEST_LIST, PRL)
                .option(OptionCode4.REQUESTED_ADDRESS, Ipv4.toBytes(offer.yiaddr()))
                .option(OptionCode4.SERVER_ID, offer.options().get(OptionCode4.SERVER_ID))
                .option(OptionCode4.CLIENT_FQDN, fqdn));
        assertEquals(MessageType4.ACK, ack.messageType());
        return ack;
    }

    private static String reverse(int address) {
        String[] octets = Ipv4.toText(address).split("\\.");
        return octets[3] + "." + octets[2] + "." + octets[1] + "." + octets[0] + ".in-addr.arpa.";
    }
}
