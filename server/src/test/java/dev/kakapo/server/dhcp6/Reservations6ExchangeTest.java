package dev.kakapo.server.dhcp6;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.protocol.v6.IaAddress;
import dev.kakapo.protocol.v6.IaPrefix;
import dev.kakapo.protocol.v6.IdentityAssociation;
import dev.kakapo.protocol.v6.Message6;
import dev.kakapo.protocol.v6.MessageType6;
import dev.kakapo.protocol.v6.Option6;
import dev.kakapo.protocol.v6.OptionCode6;
import dev.kakapo.protocol.v6.Options6;
import dev.kakapo.protocol.v6.StatusCode6;
import dev.kakapo.server.Ports;
import dev.kakapo.server.ServerNode;
import dev.kakapo.server.config.Dhcp6ConfigParser;
import dev.kakapo.server.testing.FreePorts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DHCPv6 host reservations over real UDP on loopback: by DUID and by hardware address, an address
 * and a prefix in one reservation, its classes, no reserved address for anyone else, and a client
 * holding an address reserved for another gets lifetimes 0 so the owner has it next.
 */
class Reservations6ExchangeTest {
    static final String CONFIG = """
            {
              "Dhcp6": {
                "interfaces-config": { "interfaces": [ "lo/::1" ] },
                "lease-database": { "type": "memfile", "name": "leases6.csv", "lfc-interval": 0 },
                "preferred-lifetime": 3000, "valid-lifetime": 4000,
                "client-classes": [ { "name": "vip", "option-data": [ { "name": "dns-servers", "data": "2001:db8:53::99" } ] } ],
                "option-data": [ { "name": "dns-servers", "data": "2001:db8:53::1" } ],
                "subnet6": [ {
                  "id": 1, "subnet": "2001:db8:1::/64", "relay": { "ip-addresses": [ "2001:db8:1::1" ] },
                  "pools": [ { "pool": "2001:db8:1::100 - 2001:db8:1::104" } ],
                  "pd-pools": [ { "prefix": "2001:db8:8000::", "prefix-len": 48, "delegated-len": 56 } ],
                  "reservations": [
                    { "duid": "00:03:00:01:02:00:5e:20:00:01", "ip-addresses": [ "2001:db8:1::102" ],
                      "prefixes": [ "2001:db8:8000:700::/56" ], "client-classes": [ "vip" ] },
                    { "hw-address": "02:00:5e:20:00:02", "ip-addresses": [ "2001:db8:1::50" ] }
                  ]
                } ]
              }
            }
            """;

    @TempDir
    Path dir;
    ServerNode node;
    Relay6Client relay;

    private void start(String config) throws Exception {
        int serverPort = FreePorts.udp6();
        node = ServerNode.start(null, null, Dhcp6ConfigParser.parse(config, dir), new Ports(serverPort, FreePorts.udp6()));
        relay = new Relay6Client(serverPort, "2001:db8:1::1");
    }

    @AfterEach
    void stop() throws Exception {
        if (relay != null) {
            relay.close();
        }
        if (node != null) {
            node.close();
        }
    }

    private Message6 solicit(int client, Option6... ias) throws Exception {
        return relay.exchange(Relay6Client.message(MessageType6.SOLICIT, client, ias)).message();
    }

    private static String address(Message6 m) throws Exception {
        IdentityAssociation na = IdentityAssociation.decodeIaNa(m.options().first(OptionCode6.IA_NA));
        byte[] a = na.options().first(OptionCode6.IAADDR);
        return a == null ? null : Ipv6Address.fromBytes(IaAddress.decode(a).address(), 0).toString();
    }

    /** REQUEST (or RENEW) naming {@code address}, with the server id of {@code fromServer}. */
    private Message6 send(MessageType6 type, int client, Message6 fromServer, Ipv6Address address) throws Exception {
        Message6 m = Relay6Client.message(type, client, Relay6Client.iaNa(1, Relay6Client.iaAddress(address)));
        List<Option6> all = new ArrayList<>(m.options().all());
        all.add(new Option6(OptionCode6.SERVERID, fromServer.options().first(OptionCode6.SERVERID)));
        return relay.exchange(Message6.of(m.typeCode(), m.transactionId(), Options6.of(all))).message();
    }

    @Test
    void aReservationByDuidGivesItsAddressPrefixAndClasses() throws Exception {
        start(CONFIG);
        Message6 advertise = solicit(1, Relay6Client.iaNa(1), Relay6Client.iaPd(2));
        assertEquals("2001:db8:1::102", address(advertise));
        IdentityAssociation pd = IdentityAssociation.decodeIaPd(advertise.options().first(OptionCode6.IA_PD));
        IaPrefix prefix = IaPrefix.decode(pd.options().first(OptionCode6.IAPREFIX));
        assertEquals("2001:db8:8000:700::", Ipv6Address.fromBytes(prefix.prefix(), 0).toString());
        assertEquals(56, prefix.prefixLength());
        assertEquals("2001:db8:53::99", Ipv6Address.fromBytes(advertise.options().first(OptionCode6.DNS_SERVERS), 0).toString(),
                "the reservation's class brings its option");
    }

    @Test
    void aReservationByHardwareAddressMayLieOutsideThePools() throws Exception {
        start(CONFIG);
        assertEquals("2001:db8:1::50", address(solicit(2, Relay6Client.iaNa(1))));
    }

    @Test
    void aReservedAddressGoesToNobodyElse() throws Exception {
        start(CONFIG);
        Set<String> given = new HashSet<>();
        for (int client = 10; client < 14; client++) {
            Message6 advertise = solicit(client, Relay6Client.iaNa(1,
                    Relay6Client.iaAddress(Ipv6Address.parse("2001:db8:1::102")))); // asking for it does not win it
            Message6 reply = send(MessageType6.REQUEST, client, advertise, Ipv6Address.parse(address(advertise)));
            given.add(address(reply));
        }
        assertEquals(4, given.size());
        assertTrue(!given.contains("2001:db8:1::102"), given.toString());
        Message6 none = solicit(14, Relay6Client.iaNa(1));
        IdentityAssociation na = IdentityAssociation.decodeIaNa(none.options().first(OptionCode6.IA_NA));
        assertEquals(StatusCode6.NO_ADDRS_AVAIL, Dhcp6ExchangeTest.status(na.options().first(OptionCode6.STATUS_CODE)),
                "four pool addresses besides the reserved one, all taken");
    }

    @Test
    void theHolderOfAnAddressReservedForAnotherGetsLifetimesZeroAndTheOwnerGetsIt() throws Exception {
        String unreserved = CONFIG.replace("\"ip-addresses\": [ \"2001:db8:1::102\" ],", "");
        assertNotEquals(CONFIG, unreserved);
        start(unreserved);
        Ipv6Address reserved = Ipv6Address.parse("2001:db8:1::102");
        Message6 advertise = solicit(20, Relay6Client.iaNa(1, Relay6Client.iaAddress(reserved)));
        assertEquals("2001:db8:1::102", address(advertise));
        Message6 held = send(MessageType6.REQUEST, 20, advertise, reserved);
        assertEquals("2001:db8:1::102", address(held));
        stop();
        relay = null;
        node = null;

        start(CONFIG); // the reservation arrives; the lease file keeps the holder's lease
        Message6 renewed = send(MessageType6.RENEW, 20, held, reserved);
        IdentityAssociation na = IdentityAssociation.decodeIaNa(renewed.options().first(OptionCode6.IA_NA));
        IaAddress back = IaAddress.decode(na.options().first(OptionCode6.IAADDR));
        assertEquals(0, back.validLifetime(), "the holder is moved off the reserved address");
        assertEquals("2001:db8:1::102", address(solicit(1, Relay6Client.iaNa(1))), "and the owner gets it");
    }
}
