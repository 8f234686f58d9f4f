package dev.kakapo.protocol.eval;

import dev.kakapo.protocol.option.OptionCatalog;
import java.util.OptionalInt;

/**
 * Resolves the option names an expression may use instead of codes ({@code option[host-name].text}).
 * The server passes the standard catalogue of its universe plus its {@code option-def} entries.
 */
@FunctionalInterface
public interface OptionNames {
    /** The code of the option called {@code name}, or empty when there is no such option. */
    OptionalInt code(String name);

    /** The names a catalogue defines ({@link OptionCatalog#dhcp4()}, {@link OptionCatalog#dhcp6()}, or one with option-defs). */
    static OptionNames of(OptionCatalog catalog) {
        return name -> catalog.byName(name).map(d -> OptionalInt.of(d.code())).orElse(OptionalInt.empty());
    }

    /** Kea's standard option names of {@code universe}. */
    static OptionNames standard(Universe universe) {
        return of(universe == Universe.DHCP4 ? OptionCatalog.dhcp4() : OptionCatalog.dhcp6());
    }
}
