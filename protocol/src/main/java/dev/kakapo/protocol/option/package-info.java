/**
 * Option definitions and values, as Kea configures them.
 *
 * <p>{@link dev.kakapo.protocol.option.OptionCatalog#dhcp4()} and
 * {@link dev.kakapo.protocol.option.OptionCatalog#dhcp6()} hold Kea's standard DHCPv4 and DHCPv6
 * definitions; {@code option-def} adds more. An {@link dev.kakapo.protocol.option.OptionDefinition}
 * turns {@code csv-format} text into a wire payload ({@code encodeCsv}) and a payload back into
 * readable text ({@code toText}); {@link dev.kakapo.protocol.option.HexData} reads the hex form
 * used with {@code csv-format: false}. {@link dev.kakapo.protocol.option.VendorOptions} names the
 * {@code vendor-<enterprise>} spaces and holds Kea's built-in CableLabs (4491) sub-option definitions.
 */
package dev.kakapo.protocol.option;
