package dev.kakapo.server.dhcp6;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kakapo.protocol.v6.Message6;
import dev.kakapo.protocol.v6.MessageType6;
import dev.kakapo.protocol.v6.Option6;
import dev.kakapo.protocol.v6.OptionCode6;
import dev.kakapo.server.Ports;
import dev.kakapo.server.ServerNode;
import dev.kakapo.server.config.Dhcp6ConfigParser;
import dev.kakapo.server.testing.FreePorts;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A DOCSIS vendor option configured in vendor-4491 reaches a DHCPv6 client's reply byte for byte. */
class VendorOptions6ExchangeTest {
    static final String CONFIG = """
            {
              "Dhcp6": {
                "interfaces-config": { "interfaces": [ "lo/::1" ] },
                "lease-database": { "type": "memfile", "name": "leases6.csv", "lfc-interval": 0 },
                "preferred-lifetime": 3000, "valid-lifetime": 4000,
                "subnet6": [ {
                  "id": 1, "subnet": "2001:db8:1::/64",
                  "pools": [ { "pool": "2001:db8:1::100 - 2001:db8:1::1ff" } ],
                  "option-data": [
                    { "name": "tftp-servers", "space": "vendor-4491", "data": "2001:db8::69" },
                    { "name": "config-file", "space": "vendor-4491", "data": "cm.cfg" }
                  ]
                } ]
              }
            }
            """;

    @TempDir
    Path dir;
    ServerNode node;
    Relay6Client relay;

    @BeforeEach
    void start() throws Exception {
        int serverPort = FreePorts.udp6();
        node = ServerNode.start(null, null, Dhcp6ConfigParser.parse(CONFIG, dir), new Ports(serverPort, FreePorts.udp6()));
        relay = new Relay6Client(serverPort, "2001:db8:1::1");
    }

    @AfterEach
    void stop() throws Exception {
        relay.close();
        node.close();
    }

    @Test
    void advertiseCarriesVendorOptsWhenTheOroAsksForIt() throws Exception {
        Message6 solicit = Relay6Client.message(MessageType6.SOLICIT, 1, Relay6Client.iaNa(1));
        java.util.List<Option6> options = new java.util.ArrayList<>();
        for (Option6 o : solicit.options().all()) {
            options.add(o.code() == OptionCode6.ORO ? new Option6(OptionCode6.ORO, new byte[] {0, 23, 0, 17}) : o);
        }
        Message6 advertise = relay.exchange(Message6.of(solicit.typeCode(), solicit.transactionId(),
                dev.kakapo.protocol.v6.Options6.of(options))).message();
        assertEquals(MessageType6.ADVERTISE.code(), advertise.typeCode());
        assertArrayEquals(HexFormat.of().parseHex("0000118b"
                        + "00200010" + "20010db8000000000000000000000069"
                        + "00210006" + "636d2e636667"),
                advertise.options().first(OptionCode6.VENDOR_OPTS));
    }
}
