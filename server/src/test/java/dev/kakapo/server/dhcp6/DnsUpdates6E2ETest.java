package dev.kakapo.server.dhcp6;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.ddns.DdnsWorker;
import dev.kakapo.ddns.bind.BindServer;
import dev.kakapo.ddns.config.DhcpDdnsReader;
import dev.kakapo.protocol.dns.ClientFqdn6;
import dev.kakapo.protocol.dns.DomainName;
import dev.kakapo.protocol.v6.IaAddress;
import dev.kakapo.protocol.v6.IdentityAssociation;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Type;

/**
 * DHCPv6 DNS updates end to end: Kakapo's DHCPv6 server, a ddns-worker and BIND 9 on loopback. A
 * client with a Client FQDN option (39) gets AAAA, PTR (ip6.arpa) and DHCID records, and its
 * RELEASE removes them.
 */
@Tag("e2e")
class DnsUpdates6E2ETest {
    @TempDir
    Path dir;
    BindServer bind;
    DdnsWorker worker;
    ServerNode node;
    Relay6Client relay;

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

    @Test
    void aClientWithAnFqdnGetsAaaaPtrAndDhcidAndItsReleaseRemovesThem() throws Exception {
        bind = BindServer.start();
        BindServer.Key key = bind.key("kakapo-sha512");
        int workerPort = FreePorts.tcp();
        worker = DdnsWorker.start(DhcpDdnsReader.read(new ObjectMapper().readTree("""
                { "ip-address": "127.0.0.1", "port": %d, "dns-server-timeout": 2000,
                  "tsig-keys": [ { "name": "%s", "algorithm": "HMAC-SHA512", "secret": "%s" } ],
                  "forward-ddns": { "ddns-domains": [ { "name": "example.com.", "key-name": "%s",
                                    "dns-servers": [ { "ip-address": "127.0.0.1", "port": %d } ] } ] },
                  "reverse-ddns": { "ddns-domains": [ { "name": "8.b.d.0.1.0.0.2.ip6.arpa.", "key-name": "%s",
                                    "dns-servers": [ { "ip-address": "127.0.0.1", "port": %d } ] } ] } }
                """.formatted(workerPort, key.name(), key.secret(), key.name(), bind.port(), key.name(), bind.port()))));
        int serverPort = FreePorts.udp6();
        node = ServerNode.start(null, null, Dhcp6ConfigParser.parse("""
                {
                  "Dhcp6": {
                    "interfaces-config": { "interfaces": [ "lo/::1" ] },
                    "lease-database": { "type": "memfile", "name": "leases6.csv", "lfc-interval": 0 },
                    "preferred-lifetime": 3000, "valid-lifetime": 4000,
                    "dhcp-ddns": { "enable-updates": true, "qualifying-suffix": "example.com." },
                    "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/64", "relay": { "ip-addresses": [ "2001:db8:1::1" ] },
                                   "pools": [ { "pool": "2001:db8:1::100 - 2001:db8:1::1ff" } ] } ]
                  },
                  "Kakapo": { "ddns-workers": [ "127.0.0.1:%d" ] }
                }
                """.formatted(workerPort), dir),
                new Ports(serverPort, FreePorts.udp6()));
        relay = new Relay6Client(serverPort, "2001:db8:1::1");

        Option6 fqdn = new Option6(OptionCode6.CLIENT_FQDN, new ClientFqdn6(ClientFqdn6.FLAG_S, DomainName.parse("gamma")).encode());
        Message6 advertise = relay.exchange(Relay6Client.message(MessageType6.SOLICIT, 1, Relay6Client.iaNa(1), fqdn)).message();
        Ipv6Address offered = address(advertise);
        Message6 reply = send(MessageType6.REQUEST, advertise, offered, fqdn);
        Ipv6Address leased = address(reply);
        assertEquals(offered, leased);
        ClientFqdn6 answer = ClientFqdn6.decode(reply.options().first(OptionCode6.CLIENT_FQDN));
        assertEquals(DomainName.parse("gamma.example.com."), answer.name());

        // dnsjava writes AAAA data as Java does, without "::"
        bind.awaitAnswer("gamma.example.com.", Type.AAAA, List.of(java.net.InetAddress.getByName(leased.toText()).getHostAddress()));
        String reverse = ReverseMap.fromAddress(java.net.InetAddress.getByName(leased.toText())).toString();
        bind.awaitAnswer(reverse, Type.PTR, List.of("gamma.example.com."));
        assertEquals(1, bind.query("gamma.example.com.", Type.DHCID).size());

        send(MessageType6.RELEASE, reply, leased, fqdn);
        bind.awaitAnswer("gamma.example.com.", Type.AAAA, List.of());
        bind.awaitAnswer(reverse, Type.PTR, List.of());
    }

    private static Ipv6Address address(Message6 m) throws Exception {
        IdentityAssociation na = IdentityAssociation.decodeIaNa(m.options().first(OptionCode6.IA_NA));
        return Ipv6Address.fromBytes(IaAddress.decode(na.options().first(OptionCode6.IAADDR)).address(), 0);
    }

    private Message6 send(MessageType6 type, Message6 fromServer, Ipv6Address address, Option6 fqdn) throws Exception {
        Message6 m = Relay6Client.message(type, 1, Relay6Client.iaNa(1, Relay6Client.iaAddress(address)), fqdn);
        List<Option6> all = new ArrayList<>(m.options().all());
        all.add(new Option6(OptionCode6.SERVERID, fromServer.options().first(OptionCode6.SERVERID)));
        return relay.exchange(Message6.of(m.typeCode(), m.transactionId(), Options6.of(all))).message();
    }
}
