package dev.kakapo.server.ddns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.ddns.DdnsWorker;
import dev.kakapo.ddns.bind.BindServer;
import dev.kakapo.ddns.config.DhcpDdnsReader;
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
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * DNS updates end to end: Kakapo's DHCPv4 server, a ddns-worker and BIND 9 (Debian's named) on
 * loopback. Clients with a Client FQDN option get A, PTR and DHCID records; a release removes
 * them; a second client claiming the same name does not take it (RFC 4703); requests made while
 * the worker is down are applied once it is back.
 */
@Tag("e2e")
class DnsUpdatesE2ETest {
    static final byte[] PRL = {1, 3, 6, 12, 81};

    @TempDir
    Path dir;
    BindServer bind;
    DdnsWorker worker;
    int workerPort;
    ServerNode node;
    Relay4Client relay;

    @BeforeEach
    void start() throws Exception {
        bind = BindServer.start();
        workerPort = FreePorts.tcp();
        worker = startWorker();
        startServer(4000, 10);
    }

    /** The DHCPv4 server, its leases valid {@code lifetime} s and reclaimed every {@code reclaimEvery} s. */
    private void startServer(int lifetime, int reclaimEvery) throws Exception {
        int port = FreePorts.udp();
        node = ServerNode.start(Dhcp4ConfigParser.parse("""
                {
                  "Dhcp4": {
                    "interfaces-config": { "interfaces": [ "lo/127.0.0.1" ] },
                    "lease-database": { "type": "memfile", "name": "leases4.csv", "lfc-interval": 0 },
                    "valid-lifetime": %d,
                    "expired-leases-processing": { "reclaim-timer-wait-time": %d },
                    "dhcp-ddns": { "enable-updates": true, "qualifying-suffix": "example.com.",
                                   "server-ip": "127.0.0.1", "server-port": %d },
                    "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "relay": { "ip-addresses": [ "127.0.0.2" ] },
                                   "pools": [ { "pool": "192.0.2.100 - 192.0.2.150" } ] } ]
                  }
                }
                """.formatted(lifetime, reclaimEvery, workerPort), dir), new Ports(port, FreePorts.udp()), null, null);
        relay = new Relay4Client("127.0.0.2", "127.0.0.1", port);
    }

    private DdnsWorker startWorker() throws Exception {
        BindServer.Key key = bind.key("kakapo-sha256");
        JsonNode section = new ObjectMapper().readTree("""
                { "ip-address": "127.0.0.1", "port": %d, "dns-server-timeout": 2000,
                  "tsig-keys": [ { "name": "%s", "algorithm": "HMAC-SHA256", "secret": "%s" } ],
                  "forward-ddns": { "ddns-domains": [ { "name": "example.com.", "key-name": "%s",
                                    "dns-servers": [ { "ip-address": "127.0.0.1", "port": %d } ] } ] },
                  "reverse-ddns": { "ddns-domains": [ { "name": "2.0.192.in-addr.arpa.", "key-name": "%s",
                                    "dns-servers": [ { "ip-address": "127.0.0.1", "port": %d } ] } ] } }
                """.formatted(workerPort, key.name(), key.secret(), key.name(), bind.port(), key.name(), bind.port()));
        return DdnsWorker.start(DhcpDdnsReader.read(section));
    }

    @AfterEach
    void stop() throws Exception {
        if (relay != null) {
            relay.close();
        }
        if (node != null) {
            node.close();
        }
        if (worker != null) {
            worker.close();
        }
        if (bind != null) {
            bind.close();
        }
    }

    private static Message4.Builder discover(byte[] mac, String name) {
        ClientFqdn4 fqdn = new ClientFqdn4(ClientFqdn4.FLAG_S | ClientFqdn4.FLAG_E, 0, 0, DomainName.parse(name));
        return Relay4Client.message(MessageType4.DISCOVER, mac).option(OptionCode4.PARAMETER_REQUEST_LIST, PRL)
                .option(OptionCode4.CLIENT_FQDN, fqdn.encode());
    }

    private Message4 dora(byte[] mac, String name) throws Exception {
        Message4.Builder discover = discover(mac, name);
        Message4 offer = relay.exchange(discover);
        assertEquals(MessageType4.OFFER, offer.messageType());
        Message4 ack = relay.exchange(Relay4Client.message(MessageType4.REQUEST, mac)
                .option(OptionCode4.PARAMETER_REQUEST_LIST, PRL)
                .option(OptionCode4.REQUESTED_ADDRESS, Ipv4.toBytes(offer.yiaddr()))
                .option(OptionCode4.SERVER_ID, offer.options().get(OptionCode4.SERVER_ID))
                .option(OptionCode4.CLIENT_FQDN, discover.build().options().get(OptionCode4.CLIENT_FQDN)));
        assertEquals(MessageType4.ACK, ack.messageType());
        return ack;
    }

    private static String reverse(int address) {
        String[] octets = Ipv4.toText(address).split("\\.");
        return octets[3] + "." + octets[2] + "." + octets[1] + "." + octets[0] + ".in-addr.arpa.";
    }

    @Test
    void aClientWithAnFqdnGetsItsRecordsAndAReleaseRemovesThem() throws Exception {
        byte[] mac = {2, 0, 0x5e, 0x40, 0, 1};
        Message4 ack = dora(mac, "alpha");
        ClientFqdn4 answer = ClientFqdn4.decode(ack.options().get(OptionCode4.CLIENT_FQDN));
        assertEquals(DomainName.parse("alpha.example.com."), answer.name(), "the partial name qualified");
        assertEquals(true, answer.serverUpdatesForward());
        String address = Ipv4.toText(ack.yiaddr());
        bind.awaitAnswer("alpha.example.com.", Type.A, List.of(address));
        bind.awaitAnswer(reverse(ack.yiaddr()), Type.PTR, List.of("alpha.example.com."));
        assertEquals(1, bind.query("alpha.example.com.", Type.DHCID).size());

        relay.send(Relay4Client.message(MessageType4.RELEASE, mac).ciaddr(ack.yiaddr())
                .option(OptionCode4.SERVER_ID, ack.options().get(OptionCode4.SERVER_ID)));
        bind.awaitAnswer("alpha.example.com.", Type.A, List.of());
        bind.awaitAnswer(reverse(ack.yiaddr()), Type.PTR, List.of());
        assertEquals(0, bind.query("alpha.example.com.", Type.DHCID).size());
    }

    @Test
    void aRenewalThatChangesNothingSendsNoRequest() throws Exception {
        byte[] mac = {2, 0, 0x5e, 0x40, 0, 4};
        Message4 ack = dora(mac, "steady");
        bind.awaitAnswer("steady.example.com.", Type.A, List.of(Ipv4.toText(ack.yiaddr())));
        // BIND has the record before the worker's answer reaches the server: wait for that too
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (node.dhcp4().dns().sender().counts().queued() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        NameChangeSender.Counts before = node.dhcp4().dns().sender().counts();
        assertEquals(0, before.queued(), "the first exchange's request answered: " + before);
        Message4 renewed = relay.exchange(Relay4Client.message(MessageType4.REQUEST, mac).ciaddr(ack.yiaddr())
                .option(OptionCode4.PARAMETER_REQUEST_LIST, PRL)
                .option(OptionCode4.CLIENT_FQDN, discover(mac, "steady").build().options().get(OptionCode4.CLIENT_FQDN)));
        assertEquals(MessageType4.ACK, renewed.messageType());
        Thread.sleep(300); // a request, had one been sent, would have been answered by now
        assertEquals(before, node.dhcp4().dns().sender().counts());
    }

    @Test
    void anExpiredLeaseLosesItsRecords() throws Exception {
        node.close();
        relay.close();
        startServer(2, 1);
        Message4 ack = dora(new byte[] {2, 0, 0x5e, 0x40, 0, 5}, "brief");
        bind.awaitAnswer("brief.example.com.", Type.A, List.of(Ipv4.toText(ack.yiaddr())));
        // valid for 2 s, reclaimed within a second after: the reclamation removes the records
        bind.awaitAnswer("brief.example.com.", Type.A, List.of());
        bind.awaitAnswer(reverse(ack.yiaddr()), Type.PTR, List.of());
    }

    @Test
    void aSecondClientClaimingTheNameDoesNotTakeIt() throws Exception {
        Message4 first = dora(new byte[] {2, 0, 0x5e, 0x40, 0, 2}, "shared");
        bind.awaitAnswer("shared.example.com.", Type.A, List.of(Ipv4.toText(first.yiaddr())));
        dora(new byte[] {2, 0, 0x5e, 0x40, 0, 3}, "shared");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (node.dhcp4().dns().sender().counts().conflicts() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(1, node.dhcp4().dns().sender().counts().conflicts(), "the worker reported the conflict");
        assertEquals(List.of(Ipv4.toText(first.yiaddr())),
                bind.query("shared.example.com.", Type.A).stream().map(Record::rdataToString).toList(),
                "the first client keeps its name (RFC 4703)");
    }

    @Test
    void requestsMadeWhileTheWorkerIsDownAreAppliedWhenItIsBack() throws Exception {
        worker.close();
        worker = null;
        Message4[] acks = new Message4[5];
        for (int n = 0; n < acks.length; n++) {
            acks[n] = dora(new byte[] {2, 0, 0x5e, 0x40, 1, (byte) n}, "later-" + n);
        }
        NameChangeSender sender = node.dhcp4().dns().sender();
        assertNotNull(sender);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sender.counts().retries() < 5 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(5, sender.queueDepth(), "held while no worker answers");
        worker = startWorker();
        for (int n = 0; n < acks.length; n++) {
            bind.awaitAnswer("later-" + n + ".example.com.", Type.A, List.of(Ipv4.toText(acks[n].yiaddr())));
        }
    }
}
