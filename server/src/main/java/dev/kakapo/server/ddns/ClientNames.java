package dev.kakapo.server.ddns;

import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.protocol.dns.ClientFqdn4;
import dev.kakapo.protocol.dns.ClientFqdn6;
import dev.kakapo.protocol.dns.DomainName;
import dev.kakapo.server.config.DdnsSettings;
import dev.kakapo.server.config.DdnsSettings.ReplaceClientName;

/**
 * How the server names a client's lease and who updates DNS for it (RFC 4702, RFC 4704, as Kea
 * does it). Pure: the same inputs give the same {@link FqdnDecision}; nothing is thrown for what a
 * client sends.
 *
 * <p>The name, in order of precedence:
 * <ol>
 *   <li>the reservation's hostname, completed with the qualifying suffix when partial;</li>
 *   <li>a generated name, {@code <generated-prefix>-<address>.<qualifying-suffix>.} (the address
 *       with its dots or colons turned into hyphens), when replace-client-name says so or the
 *       client's name is empty;</li>
 *   <li>the client's name, a partial one completed with the qualifying suffix.</li>
 * </ol>
 *
 * <p>The update directions follow the client's flags: S=1 asks the server to update the forward
 * record, S=0 says the client does (the server then does only the reverse one, unless
 * override-client-update), N=1 asks for no updates (unless override-no-update). The reply's flags
 * say what the server will do: S and N, and O=1 when the server's S differs from the client's.
 * When updates are off the reply says N=1 and nothing is updated, but the name is still chosen.
 * A DHCPv4 client without option 81 that sends a host name (option 12) gets both directions.
 */
public final class ClientNames {
    private ClientNames() {
    }

    /**
     * The decision for a DHCPv4 client.
     *
     * @param fqdn             the client's option 81, or null; it takes precedence over option 12
     * @param hostNameOption   the client's option 12 text, or null
     * @param reservedHostname the reservation's hostname, or null/empty when none
     * @param address          the address being leased (offered or granted)
     */
    public static FqdnDecision4 decide4(DdnsSettings settings, ClientFqdn4 fqdn, String hostNameOption,
                                        String reservedHostname, int address) {
        String addressText = Ipv4.toText(address).replace('.', '-');
        DomainName reserved = reservedName(settings, reservedHostname);
        if (fqdn != null) {
            ServerFlags flags = ServerFlags.answer(settings, fqdn.serverUpdatesForward(), fqdn.noServerUpdates());
            DomainName name = reserved != null ? reserved : chosenName(settings, fqdn.name(), addressText);
            int replyFlags = (flags.s ? ClientFqdn4.FLAG_S : 0) | (flags.o ? ClientFqdn4.FLAG_O : 0)
                    | (flags.n ? ClientFqdn4.FLAG_N : 0) | (fqdn.canonicalWireFormat() ? ClientFqdn4.FLAG_E : 0);
            ClientFqdn4 reply = ClientFqdn4.reply(replyFlags, name == null ? DomainName.EMPTY : name);
            return new FqdnDecision4(name, name != null && flags.s, name != null && !flags.n, reply, null);
        }
        return decideByHostName(settings, hostNameOption, reserved, addressText);
    }

    /**
     * Option 12 (RFC 2132) has no flags: the server updates both directions when updates are on. A
     * single label is completed with the suffix; a name of several labels is taken as complete and
     * sent back as the client wrote it. An empty or unreadable option 12 is ignored.
     */
    private static FqdnDecision4 decideByHostName(DdnsSettings settings, String hostNameOption, DomainName reserved,
                                                  String addressText) {
        boolean updates = settings.updatesEnabled();
        if (reserved != null) {
            return byHostName(reserved, updates);
        }
        ReplaceClientName mode = settings.replaceClientName();
        if (hostNameOption == null) {
            boolean generate = updates && (mode == ReplaceClientName.ALWAYS || mode == ReplaceClientName.WHEN_NOT_PRESENT);
            DomainName generated = generate ? generatedName(settings, addressText) : null;
            return generated == null ? FqdnDecision4.NONE : byHostName(generated, updates);
        }
        String text = hostNameOption.strip();
        if (text.isEmpty()) {
            return FqdnDecision4.NONE; // RFC 2131 section 3.14: a host name is at least one octet
        }
        DomainName sent;
        try {
            sent = DomainName.parse(text);
        } catch (IllegalArgumentException e) {
            return FqdnDecision4.NONE;
        }
        if (mode == ReplaceClientName.ALWAYS || mode == ReplaceClientName.WHEN_PRESENT || sent.isEmpty()) {
            DomainName generated = generatedName(settings, addressText);
            return generated == null ? FqdnDecision4.NONE : byHostName(generated, updates);
        }
        if (sent.labelCount() == 1 && !sent.isAbsolute()) {
            DomainName qualified = qualified(settings, sent);
            return qualified == null ? FqdnDecision4.NONE : byHostName(qualified, updates);
        }
        return new FqdnDecision4(sent.toAbsolute(), updates, updates, null, sent.toText());
    }

    /** Option 12 goes back without the trailing dot: clients do not all take one. */
    private static FqdnDecision4 byHostName(DomainName name, boolean updates) {
        String text = name.toText();
        return new FqdnDecision4(name, updates, updates, null, text.substring(0, text.length() - 1));
    }

    /**
     * The decision for a DHCPv6 client. A client without option 39 gets a name only when
     * replace-client-name is always or when-not-present and updates are on: the server then acts
     * as if the client had sent an empty name with S=1, and the reply carries no option 39.
     *
     * @param fqdn             the client's option 39, or null
     * @param reservedHostname the reservation's hostname, or null/empty when none
     * @param address          the first address being leased, which a generated name is made from;
     *                         null when the client gets no address (then no name is generated)
     */
    public static FqdnDecision6 decide6(DdnsSettings settings, ClientFqdn6 fqdn, String reservedHostname,
                                        Ipv6Address address) {
        ClientFqdn6 asked = fqdn;
        if (asked == null) {
            ReplaceClientName mode = settings.replaceClientName();
            if (!settings.updatesEnabled()
                    || (mode != ReplaceClientName.ALWAYS && mode != ReplaceClientName.WHEN_NOT_PRESENT)) {
                return FqdnDecision6.NONE;
            }
            asked = new ClientFqdn6(ClientFqdn6.FLAG_S, DomainName.EMPTY);
        }
        ServerFlags flags = ServerFlags.answer(settings, asked.serverUpdatesForward(), asked.noServerUpdates());
        DomainName reserved = reservedName(settings, reservedHostname);
        String addressText = address == null ? null : address.toText().replace(':', '-');
        DomainName name = reserved != null ? reserved : chosenName(settings, asked.name(), addressText);
        ClientFqdn6 reply = null;
        if (fqdn != null) {
            int replyFlags = (flags.s ? ClientFqdn6.FLAG_S : 0) | (flags.o ? ClientFqdn6.FLAG_O : 0)
                    | (flags.n ? ClientFqdn6.FLAG_N : 0);
            reply = new ClientFqdn6(replyFlags, name == null ? DomainName.EMPTY : name);
        }
        return new FqdnDecision6(name, name != null && flags.s, name != null && !flags.n, reply);
    }

    /** The server's S, N and O flags for the client's S and N (which are never both set). */
    private record ServerFlags(boolean s, boolean n, boolean o) {
        static ServerFlags answer(DdnsSettings settings, boolean clientS, boolean clientN) {
            boolean s;
            boolean n;
            if (!settings.updatesEnabled()) {
                s = false;
                n = true;
            } else if (clientN) {
                s = settings.overrideNoUpdate();
                n = !s;
            } else if (clientS) {
                s = true;
                n = false;
            } else {
                // the client updates the forward record; the server does the reverse one
                s = settings.overrideClientUpdate();
                n = false;
            }
            return new ServerFlags(s, n, s != clientS);
        }
    }

    /** The option 81/39 name path: generated, or the client's completed with the suffix. */
    private static DomainName chosenName(DdnsSettings settings, DomainName sent, String addressText) {
        ReplaceClientName mode = settings.replaceClientName();
        if (mode == ReplaceClientName.ALWAYS || mode == ReplaceClientName.WHEN_PRESENT || sent.isEmpty()) {
            return addressText == null ? null : generatedName(settings, addressText);
        }
        DomainName qualified = qualified(settings, sent);
        // a name too long to complete is no name: the server makes its own
        return qualified != null || addressText == null ? qualified : generatedName(settings, addressText);
    }

    /** {@code <prefix>-<address>.<suffix>.}; null only when settings not checked by the configuration make it too long. */
    private static DomainName generatedName(DdnsSettings settings, String addressText) {
        try {
            return DomainName.parse(settings.generatedPrefix() + "-" + addressText).qualify(settings.qualifyingSuffix());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static DomainName qualified(DdnsSettings settings, DomainName name) {
        try {
            return name.qualify(settings.qualifyingSuffix());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The reservation's hostname, completed; null when there is none or it is no usable DNS name. */
    private static DomainName reservedName(DdnsSettings settings, String reservedHostname) {
        if (reservedHostname == null || reservedHostname.isBlank()) {
            return null;
        }
        try {
            DomainName name = DomainName.parse(reservedHostname.strip());
            return name.isEmpty() ? null : qualified(settings, name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
