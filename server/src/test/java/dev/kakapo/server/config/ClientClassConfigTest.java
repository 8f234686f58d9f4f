package dev.kakapo.server.config;

import static dev.kakapo.server.config.ConfigAssertions.dhcp4;
import static dev.kakapo.server.config.ConfigAssertions.dhcp6;
import static dev.kakapo.server.config.ConfigAssertions.rejectsDhcp4;
import static dev.kakapo.server.config.ConfigAssertions.rejectsDhcp6;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kakapo.coordinator.lease.Ipv4;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code client-classes}, and the class names subnets and pools carry. */
class ClientClassConfigTest {
    static final String SUBNET = "\"valid-lifetime\": 4000, \"subnet4\": [ { \"subnet\": \"192.0.2.0/24\" } ]";

    @Test
    void classesAreReadInOrderWithTheirTestsOptionsAndBootFields() throws ConfigException {
        Dhcp4Config c = dhcp4("""
                "client-classes": [
                  { "name": "pxe", "test": "substring(option[60].hex,0,9) == 'PXEClient'",
                    "next-server": "192.0.2.254", "server-hostname": "tftp", "boot-file-name": "pxelinux.0",
                    "option-data": [ { "name": "domain-name", "data": "pxe.example" } ] },
                  { "name": "late", "test": "member('pxe')", "only-if-required": true },
                  { "name": "tagged" }
                ],
                """ + SUBNET);
        List<ClientClass> classes = c.clientClasses();
        assertEquals(List.of("pxe", "late", "tagged"), classes.stream().map(ClientClass::name).toList());
        ClientClass pxe = classes.get(0);
        assertEquals("substring(option[60].hex,0,9) == 'PXEClient'", pxe.test().source());
        assertEquals(Ipv4.parse("192.0.2.254"), pxe.nextServer());
        assertEquals("tftp", pxe.serverHostname());
        assertEquals("pxelinux.0", pxe.bootFileName());
        assertEquals(15, pxe.options().get(0).code());
        assertTrue(classes.get(1).onlyWhenRequired());
        assertNull(classes.get(2).test(), "a class without a test is joined by a reservation or a hook");
    }

    @Test
    void subnetsAndPoolsNameTheirClasses() throws ConfigException {
        Dhcp4Config c = dhcp4("""
                "client-classes": [ { "name": "a", "test": "pkt4.htype == 1" }, { "name": "b" } ],
                "valid-lifetime": 4000,
                "subnet4": [ { "subnet": "192.0.2.0/24", "client-class": "a", "require-client-classes": [ "b" ],
                               "pools": [ { "pool": "192.0.2.10 - 192.0.2.20", "client-classes": [ "b", "KNOWN" ] },
                                          { "pool": "192.0.2.30 - 192.0.2.40" } ] } ]
                """);
        Subnet4 s = c.subnets().get(0);
        assertEquals(List.of("a"), s.classes().allowed());
        assertEquals(List.of("b"), s.classes().required());
        assertTrue(s.classes().admits(Set.of("a", "ALL")));
        assertFalse(s.classes().admits(Set.of("b", "ALL")));
        assertEquals(List.of("b", "KNOWN"), s.pools().get(0).classes().allowed());
        assertEquals(ClassGuard.NONE, s.pools().get(1).classes());
        assertTrue(s.pools().get(1).classes().admits(Set.of()), "no class named: every client");
    }

    @Test
    void aBadTestNamesTheClassTheColumnAndWhatWasExpected() {
        rejectsDhcp4("\"client-classes\": [ { \"name\": \"broken\", \"test\": \"option[123].text == 'x' and\" } ], " + SUBNET,
                "Dhcp4/client-classes[0]/test", "client class 'broken': cannot read test");
        ConfigException e = rejectsDhcp4("\"client-classes\": [ { \"name\": \"c\", \"test\": \"10.0.1\" } ], " + SUBNET,
                "Dhcp4/client-classes[0]/test", "at column");
        assertTrue(e.getMessage().contains("expecting =="), e.getMessage());
        rejectsDhcp4("\"client-classes\": [ { \"name\": \"c\", \"test\": \"option[ab].text == 'foo'\" } ], " + SUBNET,
                "Dhcp4/client-classes[0]/test", "option 'ab' is not defined");
        rejectsDhcp6("\"client-classes\": [ { \"name\": \"c\", \"test\": \"pkt4.htype == 1\" } ], "
                + "\"preferred-lifetime\": 3000, \"valid-lifetime\": 4000", "Dhcp6/client-classes[0]/test", "cannot read test");
    }

    @Test
    void aClassMayOnlyDependOnClassesBeforeIt() {
        rejectsDhcp4("\"client-classes\": [ { \"name\": \"first\", \"test\": \"member('second')\" }, { \"name\": \"second\" } ], "
                + SUBNET, "Dhcp4/client-classes[0]/test", "depends on class 'second', which is not defined before it");
        rejectsDhcp4("\"client-classes\": [ { \"name\": \"x\" }, { \"name\": \"x\" } ], " + SUBNET,
                "Dhcp4/client-classes[1]/name", "already defined");
        rejectsDhcp4("\"client-classes\": [ { \"name\": \"KNOWN\" } ], " + SUBNET,
                "Dhcp4/client-classes[0]/name", "built-in class");
        rejectsDhcp4("\"client-classes\": [ { \"test\": \"pkt4.htype == 1\" } ], " + SUBNET,
                "Dhcp4/client-classes[0]", "needs a 'name'");
    }

    @Test
    void bootFieldsKeepToWhatDhcpv4Carries() {
        rejectsDhcp4("\"client-classes\": [ { \"name\": \"c\", \"server-hostname\": \"" + "h".repeat(64) + "\" } ], " + SUBNET,
                "Dhcp4/client-classes[0]/server-hostname", "expected at most 63");
        rejectsDhcp4("\"client-classes\": [ { \"name\": \"c\", \"boot-file-name\": \"" + "f".repeat(129) + "\" } ], " + SUBNET,
                "Dhcp4/client-classes[0]/boot-file-name", "expected at most 128");
        rejectsDhcp4("\"client-classes\": [ { \"name\": \"c\", \"next-server\": \"255.255.255.255\" } ], " + SUBNET,
                "Dhcp4/client-classes[0]/next-server", "broadcast");
        rejectsDhcp6("\"client-classes\": [ { \"name\": \"c\", \"boot-file-name\": \"x\" } ], "
                + "\"preferred-lifetime\": 3000, \"valid-lifetime\": 4000", "Dhcp6/client-classes[0]/boot-file-name", "boot-file-name");
    }

    @Test
    void subnetsAndPoolsMayOnlyNameDefinedClasses() {
        rejectsDhcp4("\"valid-lifetime\": 4000, \"subnet4\": [ { \"subnet\": \"192.0.2.0/24\", \"client-class\": \"nope\" } ]",
                "Dhcp4/subnet4[0]/client-class", "client class 'nope' is not defined");
        rejectsDhcp4("\"valid-lifetime\": 4000, \"subnet4\": [ { \"subnet\": \"192.0.2.0/24\","
                        + " \"pools\": [ { \"pool\": \"192.0.2.1 - 192.0.2.9\", \"require-client-classes\": [ \"nope\" ] } ] } ]",
                "Dhcp4/subnet4[0]/pools[0]/require-client-classes[0]", "not defined");
        rejectsDhcp4("\"client-classes\": [ { \"name\": \"a\" } ], \"valid-lifetime\": 4000, \"subnet4\": [ { \"subnet\": \"192.0.2.0/24\","
                        + " \"client-class\": \"a\", \"client-classes\": [ \"a\" ] } ]",
                "Dhcp4/subnet4[0]/client-classes", "not both");
    }

    @Test
    void aClassMayDefineItsOwnOptions() throws ConfigException {
        Dhcp4Config c = dhcp4("""
                "client-classes": [ { "name": "voip",
                    "option-def": [ { "name": "voip-config", "code": 224, "type": "string" } ],
                    "option-data": [ { "name": "voip-config", "data": "sip.example" } ] } ],
                """ + SUBNET);
        ConfiguredOption o = c.clientClasses().get(0).options().get(0);
        assertEquals(224, o.code());
        assertEquals("sip.example", new String(o.payload(), java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void dhcpv6ClassesAndSubnets() throws ConfigException {
        Dhcp6Config c = dhcp6("""
                "client-classes": [ { "name": "modem", "test": "vendor-class[4491].exists",
                                      "option-data": [ { "name": "dns-servers", "data": "2001:db8::53" } ] } ],
                "preferred-lifetime": 3000, "valid-lifetime": 4000,
                "subnet6": [ { "subnet": "2001:db8:1::/64", "client-class": "modem",
                               "pd-pools": [ { "prefix": "2001:db8:8000::", "prefix-len": 40, "delegated-len": 56,
                                               "client-class": "modem" } ] } ]
                """);
        assertEquals("modem", c.clientClasses().get(0).name());
        assertEquals(List.of("modem"), c.subnets().get(0).classes().allowed());
        assertEquals(List.of("modem"), c.subnets().get(0).pdPools().get(0).classes().allowed());
    }
}
