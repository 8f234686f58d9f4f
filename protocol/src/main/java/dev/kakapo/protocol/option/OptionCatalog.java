package dev.kakapo.protocol.option;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The option definitions a server knows in one option space: the standard ones plus those from
 * {@code option-def}. Immutable; {@link #with} returns a new catalogue.
 */
public final class OptionCatalog {
    private final String space;
    private final Map<String, OptionDefinition> byName;
    private final Map<Integer, OptionDefinition> byCode;

    private OptionCatalog(String space, Collection<OptionDefinition> definitions) {
        this.space = space;
        Map<String, OptionDefinition> names = new HashMap<>();
        Map<Integer, OptionDefinition> codes = new HashMap<>();
        for (OptionDefinition d : definitions) {
            names.put(d.name(), d);
            codes.put(d.code(), d);
        }
        this.byName = Map.copyOf(names);
        this.byCode = Map.copyOf(codes);
    }

    /** Every option Kea defines in the {@code dhcp4} space, by Kea's names, codes and types. */
    public static OptionCatalog dhcp4() {
        return new OptionCatalog("dhcp4", StandardOptions4.DEFINITIONS);
    }

    /** Every option Kea defines in the {@code dhcp6} space, by Kea's names, codes and types. */
    public static OptionCatalog dhcp6() {
        return new OptionCatalog("dhcp6", StandardOptions6.DEFINITIONS);
    }

    /** A space with no standard definitions, such as one named only by {@code option-def}. */
    public static OptionCatalog empty(String space) {
        return new OptionCatalog(space, List.of());
    }

    /** The DHCPv4 space {@code vendor-<enterprise>}: Kea's built-in definitions for it, if any. */
    public static OptionCatalog vendor4(long enterprise) {
        return new OptionCatalog(VendorOptions.space(enterprise), VendorOptions.standard(enterprise, true));
    }

    /** The DHCPv6 space {@code vendor-<enterprise>}: Kea's built-in definitions for it, if any. */
    public static OptionCatalog vendor6(long enterprise) {
        return new OptionCatalog(VendorOptions.space(enterprise), VendorOptions.standard(enterprise, false));
    }

    public String space() {
        return space;
    }

    public Optional<OptionDefinition> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Optional<OptionDefinition> byCode(int code) {
        return Optional.ofNullable(byCode.get(code));
    }

    public Collection<OptionDefinition> definitions() {
        return byCode.values();
    }

    /** This catalogue plus {@code extra} definitions (an extra one replaces a same-code entry). */
    public OptionCatalog with(List<OptionDefinition> extra) {
        Map<Integer, OptionDefinition> merged = new HashMap<>(byCode);
        for (OptionDefinition d : extra) {
            merged.put(d.code(), d);
        }
        return new OptionCatalog(space, new ArrayList<>(merged.values()));
    }
}
