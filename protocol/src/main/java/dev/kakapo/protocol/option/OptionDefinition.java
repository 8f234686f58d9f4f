package dev.kakapo.protocol.option;

import java.util.List;

/**
 * How an option's payload is laid out (Kea's OptionDefinition), standard or from {@code option-def}.
 *
 * @param space       option space, {@code dhcp4} for the standard DHCPv4 options
 * @param recordTypes field types when {@code type} is RECORD, else empty
 * @param encapsulate the option space this option carries as sub-options, or null
 */
public record OptionDefinition(String name, int code, String space, OptionDataType type, boolean array,
                               List<OptionDataType> recordTypes, String encapsulate) {

    public OptionDefinition {
        recordTypes = List.copyOf(recordTypes);
    }

    /**
     * Encodes Kea's {@code csv-format} text ({@code "192.0.2.1, 192.0.2.2"}, {@code "7, 10.0.0.1"})
     * to the wire payload. IllegalArgumentException names the value that does not fit the type.
     */
    public byte[] encodeCsv(String data) {
        return OptionValueCodec.encodeCsv(this, data, OptionValueCodec.isDhcp4Space(space));
    }

    /**
     * As {@link #encodeCsv(String)} for a definition of any space, whose name alone does not tell
     * the family ({@code vendor-4491} exists in both): {@code dhcp4} says whether it is a DHCPv4
     * space, where a tuple's length is 1 byte rather than 2.
     */
    public byte[] encodeCsv(String data, boolean dhcp4) {
        return OptionValueCodec.encodeCsv(this, data, dhcp4);
    }

    /** Renders a payload as the text {@code option[code].text} and the control API show. */
    public String toText(byte[] payload) {
        return OptionValueCodec.toText(this, payload);
    }
}
