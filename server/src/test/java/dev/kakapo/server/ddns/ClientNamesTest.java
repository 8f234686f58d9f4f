package dev.kakapo.server.ddns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.protocol.dns.ClientFqdn4;
import dev.kakapo.protocol.dns.ClientFqdn6;
import dev.kakapo.protocol.dns.DomainName;
import dev.kakapo.server.config.DdnsSettings;
import dev.kakapo.server.config.DdnsSettings.ReplaceClientName;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The decision table of client names and DNS update directions. */
class ClientNamesTest {
    private static final int ADDRESS = Ipv4.parse("192.0.2.10");
    private static final Ipv6Address ADDRESS6 = Ipv6Address.parse("2001:db8::10");
    private static final DomainName HOST = DomainName.parse("host.client.example.");
    private static final String GENERATED4 = "myhost-192-0-2-10.example.com.";
    private static final String GENERATED6 = "myhost-2001-db8--10.example.com.";

    /** Updates on, suffix example.com, the given behaviour. */
    private static DdnsSettings settings(boolean updates, ReplaceClientName mode, boolean overrideNoUpdate,
                                         boolean overrideClientUpdate) {
        DdnsSettings d = DdnsSettings.DISABLED;
        return new DdnsSettings(updates, true, DomainName.parse("example.com"), "myhost", mode, overrideNoUpdate,
                overrideClientUpdate, false, false, d.serverIp(), d.serverPort(), d.senderIp(), d.senderPort(),
                d.maxQueueSize(), d.ncrProtocol(), d.workers());
    }

    private static DdnsSettings on(ReplaceClientName mode) {
        return settings(true, mode, false, false);
    }

    private static final DdnsSettings ON = on(ReplaceClientName.NEVER);

    // ---- flags: every client S/N with every override, updates on and off ----

    /**
     * client S, N; override-client-update, override-no-update; updates on? then the reply's S, N, O
     * and whether the server does the forward and the reverse update.
     */
    @ParameterizedTest(name = "client S={0} N={1} ocu={2} onu={3} updates={4}")
    @CsvSource({
            // the client does the forward update; the server only the reverse one, unless told to override
            "0, 0, false, false, true,  0, 0, 0, false, true",
            "0, 0, true,  false, true,  1, 0, 1, true,  true",
            "0, 0, false, true,  true,  0, 0, 0, false, true",
            "0, 0, true,  true,  true,  1, 0, 1, true,  true",
            // the client asks the server to do both
            "1, 0, false, false, true,  1, 0, 0, true,  true",
            "1, 0, true,  false, true,  1, 0, 0, true,  true",
            "1, 0, false, true,  true,  1, 0, 0, true,  true",
            "1, 0, true,  true,  true,  1, 0, 0, true,  true",
            // the client asks for no updates; override-no-update does them anyway
            "0, 1, false, false, true,  0, 1, 0, false, false",
            "0, 1, true,  false, true,  0, 1, 0, false, false",
            "0, 1, false, true,  true,  1, 0, 1, true,  true",
            "0, 1, true,  true,  true,  1, 0, 1, true,  true",
            // updates off: the reply says N=1 whatever the client asked and the overrides say
            "0, 0, false, false, false, 0, 1, 0, false, false",
            "0, 0, true,  true,  false, 0, 1, 0, false, false",
            "1, 0, false, false, false, 0, 1, 1, false, false",
            "1, 0, true,  true,  false, 0, 1, 1, false, false",
            "0, 1, false, false, false, 0, 1, 0, false, false",
            "0, 1, true,  true,  false, 0, 1, 0, false, false",
    })
    void flagsAndDirections(int clientS, int clientN, boolean overrideClientUpdate, boolean overrideNoUpdate,
                            boolean updates, int s, int n, int o, boolean forward, boolean reverse) {
        DdnsSettings settings = settings(updates, ReplaceClientName.NEVER, overrideNoUpdate, overrideClientUpdate);

        int flags4 = (clientS == 1 ? ClientFqdn4.FLAG_S : 0) | (clientN == 1 ? ClientFqdn4.FLAG_N : 0) | ClientFqdn4.FLAG_E;
        FqdnDecision4 v4 = ClientNames.decide4(settings, new ClientFqdn4(flags4, 0, 0, HOST), null, null, ADDRESS);
        assertEquals((s == 1 ? ClientFqdn4.FLAG_S : 0) | (n == 1 ? ClientFqdn4.FLAG_N : 0)
                | (o == 1 ? ClientFqdn4.FLAG_O : 0) | ClientFqdn4.FLAG_E, v4.replyFqdn().flags());
        assertEquals(forward, v4.forward());
        assertEquals(reverse, v4.reverse());
        assertEquals(HOST, v4.name());
        assertEquals(HOST, v4.replyFqdn().name());

        int flags6 = (clientS == 1 ? ClientFqdn6.FLAG_S : 0) | (clientN == 1 ? ClientFqdn6.FLAG_N : 0);
        FqdnDecision6 v6 = ClientNames.decide6(settings, new ClientFqdn6(flags6, HOST), null, ADDRESS6);
        assertEquals((s == 1 ? ClientFqdn6.FLAG_S : 0) | (n == 1 ? ClientFqdn6.FLAG_N : 0)
                | (o == 1 ? ClientFqdn6.FLAG_O : 0), v6.replyFqdn().flags());
        assertEquals(forward, v6.forward());
        assertEquals(reverse, v6.reverse());
        assertEquals(HOST, v6.name());
    }

    @Test
    void replyKeepsTheClientsEncodingAndSaysRcode255() {
        FqdnDecision4 ascii = ClientNames.decide4(ON, new ClientFqdn4(ClientFqdn4.FLAG_S, 0, 0, HOST), null, null, ADDRESS);
        assertFalse(ascii.replyFqdn().canonicalWireFormat());
        assertEquals(255, ascii.replyFqdn().rcode1());
        assertEquals(255, ascii.replyFqdn().rcode2());
        assertNull(ascii.replyHostName());
        assertEquals("host.client.example.", ascii.leaseHostname());
    }

    // ---- names: replace-client-name with and without a client name, partial and full ----

    /** mode; the name in the client's option 81/39 ("-" for an empty one); the v4 name; the v6 name. */
    @ParameterizedTest(name = "{0} with ''{1}''")
    @CsvSource({
            "never,            host.client.example., host.client.example., host.client.example.",
            "never,            laptop,               laptop.example.com.,  laptop.example.com.",
            "never,            laptop.corp,          laptop.corp.example.com., laptop.corp.example.com.",
            "never,            -,                    " + GENERATED4 + ", " + GENERATED6,
            "always,           host.client.example., " + GENERATED4 + ", " + GENERATED6,
            "always,           laptop,               " + GENERATED4 + ", " + GENERATED6,
            "always,           -,                    " + GENERATED4 + ", " + GENERATED6,
            "when-present,     host.client.example., " + GENERATED4 + ", " + GENERATED6,
            "when-present,     -,                    " + GENERATED4 + ", " + GENERATED6,
            "when-not-present, host.client.example., host.client.example., host.client.example.",
            "when-not-present, laptop,               laptop.example.com.,  laptop.example.com.",
            "when-not-present, -,                    " + GENERATED4 + ", " + GENERATED6,
    })
    void namesFromTheFqdnOption(String mode, String sent, String expected4, String expected6) {
        DdnsSettings settings = on(mode(mode));
        DomainName name = sent.equals("-") ? DomainName.EMPTY : DomainName.parse(sent);
        FqdnDecision4 v4 = ClientNames.decide4(settings, new ClientFqdn4(ClientFqdn4.FLAG_S | ClientFqdn4.FLAG_E, 0, 0, name),
                null, null, ADDRESS);
        assertEquals(DomainName.parse(expected4), v4.name());
        assertEquals(DomainName.parse(expected4), v4.replyFqdn().name());
        assertTrue(v4.forward() && v4.reverse());
        FqdnDecision6 v6 = ClientNames.decide6(settings, new ClientFqdn6(ClientFqdn6.FLAG_S, name), null, ADDRESS6);
        assertEquals(DomainName.parse(expected6), v6.name());
        assertEquals(DomainName.parse(expected6), v6.replyFqdn().name());
    }

    @Test
    void rootNameCountsAsEmpty() {
        FqdnDecision6 v6 = ClientNames.decide6(ON, new ClientFqdn6(ClientFqdn6.FLAG_S, DomainName.ROOT), null, ADDRESS6);
        assertEquals(DomainName.parse(GENERATED6), v6.name());
    }

    @Test
    void generatedV6NameUsesTheCompressedAddress() {
        FqdnDecision6 v6 = ClientNames.decide6(on(ReplaceClientName.ALWAYS), new ClientFqdn6(0, HOST), null,
                Ipv6Address.parse("2001:0db8:0:0:0:0:0:1"));
        assertEquals("myhost-2001-db8--1.example.com.", v6.name().toText());
    }

    @Test
    void withoutASuffixAPartialNameIsMadeAbsoluteAsItIs() {
        DdnsSettings d = ON;
        DdnsSettings noSuffix = new DdnsSettings(true, true, DomainName.ROOT, "dyn", d.replaceClientName(), false, false,
                false, false, d.serverIp(), d.serverPort(), d.senderIp(), d.senderPort(), d.maxQueueSize(),
                d.ncrProtocol(), d.workers());
        FqdnDecision4 partial = ClientNames.decide4(noSuffix,
                new ClientFqdn4(ClientFqdn4.FLAG_S, 0, 0, DomainName.parse("laptop")), null, null, ADDRESS);
        assertEquals("laptop.", partial.name().toText());
        FqdnDecision4 generated = ClientNames.decide4(noSuffix,
                new ClientFqdn4(ClientFqdn4.FLAG_S, 0, 0, DomainName.EMPTY), null, null, ADDRESS);
        assertEquals("dyn-192-0-2-10.", generated.name().toText());
    }

    // ---- no name option ----

    @Test
    void withoutAnyNameOptionOnlyAlwaysAndWhenNotPresentGenerate() {
        for (ReplaceClientName mode : List.of(ReplaceClientName.NEVER, ReplaceClientName.WHEN_PRESENT)) {
            assertSame(FqdnDecision4.NONE, ClientNames.decide4(on(mode), null, null, null, ADDRESS));
            assertSame(FqdnDecision6.NONE, ClientNames.decide6(on(mode), null, null, ADDRESS6));
        }
        for (ReplaceClientName mode : List.of(ReplaceClientName.ALWAYS, ReplaceClientName.WHEN_NOT_PRESENT)) {
            FqdnDecision4 v4 = ClientNames.decide4(on(mode), null, null, null, ADDRESS);
            assertEquals(DomainName.parse(GENERATED4), v4.name());
            assertEquals("myhost-192-0-2-10.example.com", v4.replyHostName());
            assertNull(v4.replyFqdn());
            assertTrue(v4.forward() && v4.reverse());
            // DHCPv6: as if the client sent an empty name with S=1; no option 39 goes back
            FqdnDecision6 v6 = ClientNames.decide6(on(mode), null, null, ADDRESS6);
            assertEquals(DomainName.parse(GENERATED6), v6.name());
            assertNull(v6.replyFqdn());
            assertTrue(v6.forward() && v6.reverse());
            // with updates off nothing is made up
            DdnsSettings off = settings(false, mode, false, false);
            assertSame(FqdnDecision4.NONE, ClientNames.decide4(off, null, null, null, ADDRESS));
            assertSame(FqdnDecision6.NONE, ClientNames.decide6(off, null, null, ADDRESS6));
        }
    }

    @Test
    void v6WithoutAnAddressGetsNoGeneratedName() {
        FqdnDecision6 v6 = ClientNames.decide6(ON, new ClientFqdn6(ClientFqdn6.FLAG_S, DomainName.EMPTY), null, null);
        assertNull(v6.name());
        assertFalse(v6.updatesDns());
        assertEquals(DomainName.EMPTY, v6.replyFqdn().name());
    }

    // ---- option 12 (DHCPv4) ----

    @Test
    void hostNameOptionSingleLabelIsQualifiedAndBothDirectionsUpdated() {
        FqdnDecision4 d = ClientNames.decide4(ON, null, "laptop", null, ADDRESS);
        assertEquals(DomainName.parse("laptop.example.com."), d.name());
        assertEquals("laptop.example.com", d.replyHostName());
        assertEquals("laptop.example.com", d.leaseHostname());
        assertNull(d.replyFqdn());
        assertTrue(d.forward() && d.reverse());
    }

    @Test
    void hostNameOptionOfSeveralLabelsIsTakenAsComplete() {
        FqdnDecision4 d = ClientNames.decide4(ON, null, " Laptop.Corp.Example ", null, ADDRESS);
        assertEquals(DomainName.parse("laptop.corp.example."), d.name());
        assertEquals("Laptop.Corp.Example", d.replyHostName());
    }

    @Test
    void hostNameOptionReplacedOrGenerated() {
        for (ReplaceClientName mode : List.of(ReplaceClientName.ALWAYS, ReplaceClientName.WHEN_PRESENT)) {
            FqdnDecision4 d = ClientNames.decide4(on(mode), null, "laptop", null, ADDRESS);
            assertEquals(DomainName.parse(GENERATED4), d.name());
            assertEquals("myhost-192-0-2-10.example.com", d.replyHostName());
        }
        FqdnDecision4 whenNotPresent = ClientNames.decide4(on(ReplaceClientName.WHEN_NOT_PRESENT), null, "laptop", null, ADDRESS);
        assertEquals(DomainName.parse("laptop.example.com."), whenNotPresent.name());
        // "." asks the server for a name
        assertEquals(DomainName.parse(GENERATED4), ClientNames.decide4(ON, null, ".", null, ADDRESS).name());
    }

    @Test
    void emptyOrUnreadableHostNameOptionIsIgnored() {
        assertSame(FqdnDecision4.NONE, ClientNames.decide4(ON, null, "  ", null, ADDRESS));
        assertSame(FqdnDecision4.NONE, ClientNames.decide4(ON, null, "a..b", null, ADDRESS));
        assertSame(FqdnDecision4.NONE, ClientNames.decide4(ON, null, "x".repeat(64), null, ADDRESS));
    }

    @Test
    void hostNameOptionWithUpdatesOffKeepsTheNameButUpdatesNothing() {
        FqdnDecision4 d = ClientNames.decide4(settings(false, ReplaceClientName.NEVER, true, true), null, "laptop",
                null, ADDRESS);
        assertEquals("laptop.example.com", d.replyHostName());
        assertFalse(d.updatesDns());
    }

    @Test
    void fqdnOptionTakesPrecedenceOverHostName() {
        FqdnDecision4 d = ClientNames.decide4(ON, new ClientFqdn4(ClientFqdn4.FLAG_S, 0, 0, HOST), "laptop", null, ADDRESS);
        assertEquals(HOST, d.name());
        assertNull(d.replyHostName());
    }

    // ---- reservations ----

    @Test
    void reservedHostnameWinsOverEverythingTheClientSent() {
        for (ReplaceClientName mode : ReplaceClientName.values()) {
            DdnsSettings settings = on(mode);
            FqdnDecision4 fqdn = ClientNames.decide4(settings, new ClientFqdn4(ClientFqdn4.FLAG_S, 0, 0, HOST), null,
                    "reserved", ADDRESS);
            assertEquals(DomainName.parse("reserved.example.com."), fqdn.name(), mode.keaName());
            assertEquals(DomainName.parse("reserved.example.com."), fqdn.replyFqdn().name());
            FqdnDecision4 hostName = ClientNames.decide4(settings, null, "laptop", "reserved.other.org.", ADDRESS);
            assertEquals(DomainName.parse("reserved.other.org."), hostName.name());
            assertEquals("reserved.other.org", hostName.replyHostName());
            FqdnDecision4 nothingSent = ClientNames.decide4(settings, null, null, "reserved", ADDRESS);
            assertEquals("reserved.example.com", nothingSent.replyHostName());
            FqdnDecision6 v6 = ClientNames.decide6(settings, new ClientFqdn6(0, HOST), "reserved", ADDRESS6);
            assertEquals(DomainName.parse("reserved.example.com."), v6.name());
        }
    }

    @Test
    void reservedNameKeepsTheClientsFlags() {
        FqdnDecision4 noUpdates = ClientNames.decide4(ON, new ClientFqdn4(ClientFqdn4.FLAG_N, 0, 0, HOST), null,
                "reserved", ADDRESS);
        assertEquals(DomainName.parse("reserved.example.com."), noUpdates.name());
        assertFalse(noUpdates.updatesDns());
        assertTrue(noUpdates.replyFqdn().noServerUpdates());
    }

    @Test
    void unusableReservedNameFallsBackToTheClientsName() {
        FqdnDecision4 d = ClientNames.decide4(ON, new ClientFqdn4(ClientFqdn4.FLAG_S, 0, 0, HOST), null, "bad..name", ADDRESS);
        assertEquals(HOST, d.name());
    }

    @Test
    void clientNameTooLongToQualifyIsReplacedByAGeneratedOne() {
        DomainName longName = DomainName.parse(("x".repeat(63) + ".").repeat(3) + "x".repeat(60));
        FqdnDecision4 d = ClientNames.decide4(ON, new ClientFqdn4(ClientFqdn4.FLAG_S, 0, 0, longName), null, null, ADDRESS);
        assertEquals(DomainName.parse(GENERATED4), d.name());
    }

    private static ReplaceClientName mode(String name) {
        for (ReplaceClientName mode : ReplaceClientName.values()) {
            if (mode.keaName().equals(name)) {
                return mode;
            }
        }
        throw new IllegalArgumentException(name);
    }
}
