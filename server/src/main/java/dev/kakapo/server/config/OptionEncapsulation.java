package dev.kakapo.server.config;

import dev.kakapo.protocol.option.OptionCatalog;
import dev.kakapo.protocol.option.OptionDataType;
import dev.kakapo.protocol.option.OptionDefinition;
import dev.kakapo.protocol.option.VendorOptions;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns one scope's {@code option-data} (global, one subnet, one pool), whatever their spaces,
 * into the top-level options a reply can carry, as Kea does when it commits a configuration:
 *
 * <ul>
 * <li>the options of a space that an option's definition {@code encapsulate}s are appended to
 *     that option's payload as sub-options (DHCPv4: code and length 1 byte each; DHCPv6: 2 bytes
 *     each), at any depth;</li>
 * <li>a parent with no fixed part (type {@code empty}, such as option 43) that is not configured
 *     itself but has sub-options configured is made from the sub-options alone;</li>
 * <li>the options of each {@code vendor-<enterprise>} space become one enterprise block of
 *     DHCPv4 option 125 (enterprise number, data length, sub-options) or the content of DHCPv6
 *     option 17 (enterprise number, sub-options). A configured {@code vivso-suboptions} or
 *     {@code vendor-opts} whose data is just an enterprise number adds that enterprise.</li>
 * </ul>
 *
 * Only options of the same scope meet: a subnet's sub-options go into the subnet's parent.
 * Options in a space that nothing here encapsulates are kept out of replies, as in Kea.
 */
final class OptionEncapsulation {

    /**
     * One {@code option-data} entry read in its own space, before nesting.
     *
     * @param definition its definition, or null for a code configured as hex
     * @param entry      the entry, for errors
     */
    record SpaceOption(String space, int code, OptionDefinition definition, byte[] payload, boolean alwaysSend,
                       ConfigNode entry) {
        String label() {
            return (definition == null ? "code " + code : "'" + definition.name() + "' (" + code + ")")
                    + " of " + entry.path();
        }
    }

    /** An option with its sub-options in place. */
    private record Built(int code, String name, byte[] payload, boolean alwaysSend, ConfigNode entry) {
    }

    private final boolean dhcp4;
    private final String topSpace;
    private final Function<String, OptionCatalog> catalogs;
    private final int vendorCode;
    private final Map<String, List<SpaceOption>> bySpace = new LinkedHashMap<>();

    /**
     * @param topSpace {@code dhcp4} or {@code dhcp6}
     * @param catalogs the definitions of any space by name
     */
    OptionEncapsulation(boolean dhcp4, String topSpace, Function<String, OptionCatalog> catalogs) {
        this.dhcp4 = dhcp4;
        this.topSpace = topSpace;
        this.catalogs = catalogs;
        this.vendorCode = dhcp4 ? VendorOptions.VIVSO_SUBOPTIONS : VendorOptions.VENDOR_OPTS;
    }

    List<ConfiguredOption> assemble(List<SpaceOption> entries) throws ConfigException {
        for (SpaceOption o : entries) {
            bySpace.computeIfAbsent(o.space(), s -> new ArrayList<>()).add(o);
        }
        List<ConfiguredOption> out = new ArrayList<>();
        for (Built b : optionsOf(topSpace, List.of(topSpace))) {
            out.add(new ConfiguredOption(b.code(), b.name(), b.payload(), b.alwaysSend()));
        }
        ConfiguredOption vendor = vendorOption();
        if (vendor != null) {
            out.add(vendor);
        }
        return List.copyOf(out);
    }

    /**
     * The options of {@code space} with their sub-options inside; {@code chain} is the spaces
     * from the top down to this one, to catch a space that ends up inside itself.
     */
    private List<Built> optionsOf(String space, List<String> chain) throws ConfigException {
        List<Built> built = new ArrayList<>();
        Set<Integer> configured = new HashSet<>();
        for (SpaceOption o : bySpace.getOrDefault(space, List.of())) {
            if (space.equals(topSpace) && o.code() == vendorCode) {
                continue; // the vendor option is built from all vendor spaces at once
            }
            configured.add(o.code());
            String sub = nestedSpace(o.definition(), space);
            byte[] payload = o.payload();
            boolean alwaysSend = o.alwaysSend();
            if (sub != null) {
                List<Built> subs = optionsOf(sub, deeper(chain, sub, o.entry()));
                payload = concat(payload, encode(subs, o.label()));
                alwaysSend |= subs.stream().anyMatch(Built::alwaysSend);
            }
            built.add(new Built(o.code(), o.definition() == null ? null : o.definition().name(), payload, alwaysSend,
                    o.entry()));
        }
        // parents configured only through their sub-options, in code order
        List<OptionDefinition> parents = catalogs.apply(space).definitions().stream()
                .filter(d -> !configured.contains(d.code()) && nestedSpace(d, space) != null)
                .filter(d -> !(space.equals(topSpace) && d.code() == vendorCode))
                .sorted(Comparator.comparingInt(OptionDefinition::code))
                .toList();
        for (OptionDefinition parent : parents) {
            SpaceOption firstSub = bySpace.get(parent.encapsulate()).get(0);
            if (parent.type() != OptionDataType.EMPTY) {
                throw firstSub.entry().error("sub-option " + firstSub.label() + " in space '" + parent.encapsulate()
                        + "' goes inside option '" + parent.name() + "' (" + parent.code() + "), which carries "
                        + describe(parent) + " before its sub-options (expected an option-data entry for '"
                        + parent.name() + "' in this scope)");
            }
            List<Built> subs = optionsOf(parent.encapsulate(), deeper(chain, parent.encapsulate(), firstSub.entry()));
            built.add(new Built(parent.code(), parent.name(), encode(subs, "'" + parent.name() + "' (" + parent.code()
                    + ")"), subs.stream().anyMatch(Built::alwaysSend), firstSub.entry()));
        }
        return built;
    }

    /**
     * The space whose configured options go inside an option of {@code definition}, or null: none
     * configured, or the top-level space (DHCPv6 IA options "encapsulate" it; their contents are
     * the server's to fill), or the option's own space.
     */
    private String nestedSpace(OptionDefinition definition, String space) {
        String sub = definition == null ? null : definition.encapsulate();
        if (sub == null || sub.equals(topSpace) || sub.equals(space) || !bySpace.containsKey(sub)) {
            return null;
        }
        return sub;
    }

    private static List<String> deeper(List<String> chain, String sub, ConfigNode at) throws ConfigException {
        if (chain.contains(sub)) {
            throw at.error("option space '" + sub + "' would end up inside itself (" + String.join(" > ", chain)
                    + " > " + sub + "); check the encapsulate of its option-defs");
        }
        List<String> longer = new ArrayList<>(chain);
        longer.add(sub);
        return longer;
    }

    /** Sub-options one after another: code and length of 1 byte each in DHCPv4, 2 in DHCPv6. */
    private byte[] encode(List<Built> subs, String parent) throws ConfigException {
        int headerSize = dhcp4 ? 1 : 2;
        int max = dhcp4 ? 0xff : 0xffff;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Built sub : subs) {
            byte[] payload = sub.payload();
            if (payload.length > max) {
                throw sub.entry().error("sub-option " + sub.code() + " of " + parent + " is " + payload.length
                        + " bytes long, more than the " + max + " its length field can hold");
            }
            writeInt(out, sub.code(), headerSize);
            writeInt(out, payload.length, headerSize);
            out.writeBytes(payload);
        }
        return out.toByteArray();
    }

    /** One enterprise of the vendor option: its number, the entry that named it, and its sub-options. */
    private record Enterprise(long number, ConfigNode entry, boolean alwaysSend, List<Built> subs) {
    }

    /** DHCPv4 option 125 or DHCPv6 option 17 from the vendor spaces and a configured vendor option; null if none. */
    private ConfiguredOption vendorOption() throws ConfigException {
        String name = dhcp4 ? "vivso-suboptions" : "vendor-opts";
        Map<Long, Enterprise> enterprises = new LinkedHashMap<>();
        for (SpaceOption o : bySpace.getOrDefault(topSpace, List.of())) {
            if (o.code() != vendorCode) {
                continue;
            }
            if (o.payload().length != 4) {
                // the whole option given as hex: used as it is
                if (hasVendorSpace()) {
                    throw o.entry().get("data").error("option '" + name + "' (" + vendorCode + ") is given as "
                            + o.payload().length + " bytes of hex while vendor-<enterprise> sub-options are also"
                            + " configured (expected just the 4-byte enterprise number, e.g. \"data\": \"4491\")");
                }
                return new ConfiguredOption(vendorCode, name, o.payload(), o.alwaysSend());
            }
            long number = uint32(o.payload());
            Enterprise previous = enterprises.get(number);
            enterprises.put(number, new Enterprise(number, o.entry(),
                    o.alwaysSend() || previous != null && previous.alwaysSend(), List.of()));
        }
        for (String space : bySpace.keySet()) {
            OptionalLong number = VendorOptions.enterprise(space);
            if (number.isEmpty()) {
                continue;
            }
            List<Built> subs = optionsOf(space, List.of(topSpace, space));
            Enterprise named = enterprises.get(number.getAsLong());
            enterprises.put(number.getAsLong(), new Enterprise(number.getAsLong(),
                    named != null ? named.entry() : bySpace.get(space).get(0).entry(),
                    named != null && named.alwaysSend(), subs));
        }
        if (enterprises.isEmpty()) {
            return null;
        }
        if (!dhcp4 && enterprises.size() > 1) {
            Enterprise second = enterprises.values().stream().skip(1).findFirst().orElseThrow();
            throw second.entry().error("enterprise " + second.number() + " would need a second vendor-opts (17)"
                    + " option in this scope, besides enterprise " + enterprises.keySet().iterator().next()
                    + "; Kakapo sends one vendor-opts option per scope (expected one enterprise per global,"
                    + " subnet or pool option-data list)");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean alwaysSend = false;
        for (Enterprise e : enterprises.values()) {
            byte[] subs = encode(e.subs(), "'" + name + "' (" + vendorCode + ") for enterprise " + e.number());
            alwaysSend |= e.alwaysSend() || e.subs().stream().anyMatch(Built::alwaysSend);
            writeInt(out, e.number(), 4);
            if (dhcp4) {
                if (subs.length > 0xff) {
                    throw e.entry().error("the sub-options of enterprise " + e.number() + " take " + subs.length
                            + " bytes, more than the 255 one enterprise can carry in DHCPv4 option 125 (RFC 3925)");
                }
                out.write(subs.length);
            }
            out.writeBytes(subs);
        }
        return new ConfiguredOption(vendorCode, name, out.toByteArray(), alwaysSend);
    }

    private boolean hasVendorSpace() {
        return bySpace.keySet().stream().anyMatch(s -> VendorOptions.enterprise(s).isPresent());
    }

    private static String describe(OptionDefinition d) {
        return d.type() == OptionDataType.RECORD
                ? "a record (" + String.join(", ", d.recordTypes().stream().map(OptionDataType::keaName).toList()) + ")"
                : "a " + d.type().keaName();
    }

    private static long uint32(byte[] b) {
        return (b[0] & 0xffL) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
    }

    private static void writeInt(ByteArrayOutputStream out, long v, int size) {
        for (int shift = (size - 1) * 8; shift >= 0; shift -= 8) {
            out.write((int) (v >> shift));
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
