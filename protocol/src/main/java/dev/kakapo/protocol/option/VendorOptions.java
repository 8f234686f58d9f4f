package dev.kakapo.protocol.option;

import static dev.kakapo.protocol.option.OptionDataType.INT32;
import static dev.kakapo.protocol.option.OptionDataType.IPV4_ADDRESS;
import static dev.kakapo.protocol.option.OptionDataType.IPV6_ADDRESS;
import static dev.kakapo.protocol.option.OptionDataType.STRING;
import static dev.kakapo.protocol.option.OptionDataType.UINT16;
import static dev.kakapo.protocol.option.OptionDataType.UINT8;

import java.util.List;
import java.util.OptionalLong;

/**
 * Vendor option spaces: {@code vendor-<enterprise-number>} holds the sub-options one enterprise
 * puts in DHCPv4 option 125 (RFC 3925) or DHCPv6 option 17 (RFC 8415 section 21.17). Kea ships
 * definitions for CableLabs' DOCSIS 3 sub-options only; every other enterprise's come from
 * {@code option-def}.
 */
public final class VendorOptions {
    /** CableLabs, whose DOCSIS 3 sub-options Kea knows by name. */
    public static final long CABLELABS = 4491;
    /** DHCPv4 V-I Vendor-specific Information, RFC 3925. */
    public static final int VIVSO_SUBOPTIONS = 125;
    /** DHCPv6 Vendor-specific Information, RFC 8415 section 21.17. */
    public static final int VENDOR_OPTS = 17;

    private static final String PREFIX = "vendor-";

    private VendorOptions() {
    }

    /** The space of one enterprise's sub-options: {@code vendor-4491}. */
    public static String space(long enterprise) {
        return PREFIX + enterprise;
    }

    /** The enterprise number a {@code vendor-<n>} space names; empty for any other space. */
    public static OptionalLong enterprise(String space) {
        if (!space.startsWith(PREFIX)) {
            return OptionalLong.empty();
        }
        String digits = space.substring(PREFIX.length());
        if (digits.isEmpty() || digits.length() > 10 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        long n = Long.parseLong(digits);
        return n > 0xffffffffL ? OptionalLong.empty() : OptionalLong.of(n);
    }

    /** DOCSIS 3 DHCPv4 sub-options (CableLabs CL-SP-CANN). */
    static final List<OptionDefinition> DOCSIS3_V4 = List.of(
            array("oro", 1, UINT8),
            array("tftp-servers", 2, IPV4_ADDRESS));

    /** DOCSIS 3 DHCPv6 sub-options (CableLabs CL-SP-CANN-DHCP-Reg). */
    static final List<OptionDefinition> DOCSIS3_V6 = List.of(
            array("oro", 1, UINT16),
            single("device-type", 2, STRING),
            single("vendor-type", 10, STRING),
            array("tftp-servers", 32, IPV6_ADDRESS),
            single("config-file", 33, STRING),
            array("syslog-servers", 34, IPV6_ADDRESS),
            array("time-servers", 37, IPV6_ADDRESS),
            single("time-offset", 38, INT32));

    /** The definitions Kea ships for {@code enterprise} in one family; empty for most enterprises. */
    static List<OptionDefinition> standard(long enterprise, boolean dhcp4) {
        if (enterprise != CABLELABS) {
            return List.of();
        }
        return dhcp4 ? DOCSIS3_V4 : DOCSIS3_V6;
    }

    private static OptionDefinition array(String name, int code, OptionDataType type) {
        return new OptionDefinition(name, code, space(CABLELABS), type, true, List.of(), null);
    }

    private static OptionDefinition single(String name, int code, OptionDataType type) {
        return new OptionDefinition(name, code, space(CABLELABS), type, false, List.of(), null);
    }
}
