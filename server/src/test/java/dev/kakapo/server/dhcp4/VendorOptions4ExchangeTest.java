package dev.kakapo.server.dhcp4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.kakapo.protocol.v4.Message4;
import dev.kakapo.protocol.v4.MessageType4;
import dev.kakapo.protocol.v4.OptionCode4;
import dev.kakapo.server.Ports;
import dev.kakapo.server.ServerNode;
import dev.kakapo.server.config.Dhcp4ConfigParser;
import dev.kakapo.server.testing.FreePorts;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Vendor options configured in their spaces reach a DHCPv4 client's reply byte for byte. */
class VendorOptions4ExchangeTest {
    static final String CONFIG = """
            {
              "Dhcp4": {
                "interfaces-config": { "interfaces": [ "lo/127.0.0.1" ] },
                "lease-database": { "type": "memfile", "name": "leases4.csv", "lfc-interval": 0 },
                "valid-lifetime": 4000,
                "option-def": [ { "name": "acs-url", "code": 1, "space": "vendor-encapsulated-options-space", "type": "string" } ],
                "option-data": [
                  { "name": "tftp-servers", "space": "vendor-4491", "data": "192.0.2.202, 192.0.2.203" }
                ],
                "subnet4": [ {
                  "id": 1, "subnet": "192.0.2.0/24",
                  "relay": { "ip-addresses": [ "127.0.0.2" ] },
                  "pools": [ { "pool": "192.0.2.100 - 192.0.2.200" } ],
                  "option-data": [ { "name": "acs-url", "space": "vendor-encapsulated-options-space", "data": "http://acs" } ]
                } ]
              }
            }
            """;

    @TempDir
    Path dir;
    ServerNode node;
    Relay4Client relay;

    @BeforeEach
    void start() throws Exception {
        int port = FreePorts.udp();
        node = ServerNode.start(Dhcp4ConfigParser.parse(CONFIG, dir), new Ports(port, FreePorts.udp()), null, null);
        relay = new Relay4Client("127.0.0.2", "127.0.0.1", port);
    }

    @AfterEach
    void stop() throws Exception {
        relay.close();
        node.close();
    }

    @Test
    void offerCarriesTheVendorOptionsTheClientAskedFor() throws Exception {
        Message4 offer = relay.exchange(Relay4Client.message(MessageType4.DISCOVER, Relay4Client.mac(1))
                .option(OptionCode4.PARAMETER_REQUEST_LIST, new byte[] {1, 3, 43, 125}));
        assertEquals(MessageType4.OFFER, offer.messageType());
        assertArrayEquals(HexFormat.of().parseHex("0000118b0a" + "0208c00002cac00002cb"), offer.options().get(125),
                "enterprise 4491, 10 bytes of sub-options: tftp-servers (2) with two addresses");
        assertArrayEquals(HexFormat.of().parseHex("010a687474703a2f2f616373"), offer.options().get(43),
                "the subnet's option 43 holds its acs-url sub-option");
    }

    @Test
    void vendorOptionsStayOutWhenNotAskedFor() throws Exception {
        Message4 offer = relay.exchange(Relay4Client.message(MessageType4.DISCOVER, Relay4Client.mac(2)));
        assertNull(offer.options().get(125));
        assertNull(offer.options().get(43));
    }
}
