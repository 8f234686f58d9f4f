package dev.kakapo.protocol.option;

import dev.kakapo.protocol.MalformedPacketException;
import dev.kakapo.protocol.dns.DomainName;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Encodes Kea csv-format option values to wire payloads and renders payloads as text.
 *
 * <p>A value list is split at commas ({@code \,} is a literal comma) and each value trimmed. A
 * single-valued option takes exactly one value (Kea 1.1 silently used the first of several; a
 * dropped value is a mistake worth reporting), except that a {@code string} which is the layout's
 * last field takes the rest of the text, commas included ({@code host-name} "a,b" is "a,b", not
 * "a"). An array takes any number of values; a record takes one value per field and, when it is an
 * array, more values for its last field.
 */
final class OptionValueCodec {
    private static final HexFormat HEX = HexFormat.ofDelimiter(":");

    private OptionValueCodec() {
    }

    /** @param dhcp4 whether {@code def} belongs to a DHCPv4 space, which decides the tuple length size */
    static byte[] encodeCsv(OptionDefinition def, String data, boolean dhcp4) {
        String text = data == null ? "" : data;
        List<OptionDataType> fields = layout(def);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (def.type() == OptionDataType.EMPTY) {
            if (!text.isBlank()) {
                throw new IllegalArgumentException("option " + label(def) + " carries no data but was given '"
                        + text + "'");
            }
            return new byte[0];
        }
        if (def.array() && def.type() != OptionDataType.RECORD) {
            if (text.isBlank()) {
                return new byte[0];
            }
            for (String value : split(text, Integer.MAX_VALUE)) {
                write(def, def.type(), value, dhcp4, out);
            }
            return out.toByteArray();
        }
        boolean restIsText = !def.array() && fields.get(fields.size() - 1) == OptionDataType.STRING;
        List<String> values = split(text, restIsText ? fields.size() : Integer.MAX_VALUE);
        if (values.size() < fields.size() || (!def.array() && values.size() > fields.size())) {
            throw new IllegalArgumentException("option " + label(def) + " needs "
                    + (def.array() ? "at least " : "") + fields.size() + " value"
                    + (fields.size() == 1 ? "" : "s") + " (" + typeList(fields) + ") but got "
                    + values.size() + " in '" + text + "'");
        }
        for (int i = 0; i < values.size(); i++) {
            OptionDataType type = fields.get(Math.min(i, fields.size() - 1));
            write(def, type, values.get(i), dhcp4, out);
        }
        return out.toByteArray();
    }

    /** The field types one value list is checked against: the record fields, or the one type. */
    private static List<OptionDataType> layout(OptionDefinition def) {
        if (def.type() != OptionDataType.RECORD) {
            return List.of(def.type());
        }
        if (def.recordTypes().isEmpty()) {
            throw new IllegalArgumentException("record option " + label(def) + " has no record-types");
        }
        return def.recordTypes();
    }

    /** Splits at unescaped commas into at most {@code limit} trimmed values (the last keeps the rest). */
    static List<String> split(String text, int limit) {
        List<String> values = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == ',') {
                current.append(',');
                i++;
            } else if (c == ',' && values.size() < limit - 1) {
                values.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        values.add(current.toString().strip());
        return values;
    }

    private static void write(OptionDefinition def, OptionDataType type, String value, boolean dhcp4,
                              ByteArrayOutputStream out) {
        switch (type) {
            case BOOLEAN -> out.write(parseBoolean(def, value) ? 1 : 0);
            case INT8 -> writeInt(out, parseInteger(def, type, value, -128, 127), 1);
            case INT16 -> writeInt(out, parseInteger(def, type, value, -32768, 32767), 2);
            case INT32 -> writeInt(out, parseInteger(def, type, value, Integer.MIN_VALUE, Integer.MAX_VALUE), 4);
            case UINT8 -> writeInt(out, parseInteger(def, type, value, 0, 0xff), 1);
            case UINT16 -> writeInt(out, parseInteger(def, type, value, 0, 0xffff), 2);
            case UINT32 -> writeInt(out, parseInteger(def, type, value, 0, 0xffffffffL), 4);
            case IPV4_ADDRESS -> out.writeBytes(parseAddress(def, type, value, AddressText.parseIpv4(value)));
            case IPV6_ADDRESS -> out.writeBytes(parseAddress(def, type, value, AddressText.parseIpv6(value)));
            case IPV6_PREFIX -> out.writeBytes(parsePrefix(def, value));
            case PSID -> out.writeBytes(parsePsid(def, value));
            case STRING -> {
                if (value.isEmpty()) {
                    throw invalid(def, type, value, "is empty; not a valid");
                }
                out.writeBytes(value.getBytes(StandardCharsets.UTF_8));
            }
            case FQDN -> out.writeBytes(parseFqdn(def, value));
            case TUPLE -> out.writeBytes(encodeTuple(def, value, dhcp4 ? 1 : 2));
            case BINARY -> {
                try {
                    out.writeBytes(HexData.parse(value));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(e.getMessage() + " for binary in option " + label(def), e);
                }
            }
            case EMPTY, RECORD -> throw new IllegalArgumentException("option " + label(def)
                    + ": a " + type.keaName() + " cannot be a record field");
        }
    }

    private static boolean parseBoolean(OptionDefinition def, String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1":
                return true;
            case "false", "0":
                return false;
            default:
                throw invalid(def, OptionDataType.BOOLEAN, value, "is not a valid");
        }
    }

    /** Decimal or {@code 0x} hex, optionally signed, within [min, max]. */
    private static long parseInteger(OptionDefinition def, OptionDataType type, String value, long min, long max) {
        String digits = value;
        boolean negative = false;
        if (digits.startsWith("-") || digits.startsWith("+")) {
            negative = digits.charAt(0) == '-';
            digits = digits.substring(1);
        }
        boolean hex = digits.length() > 2 && (digits.startsWith("0x") || digits.startsWith("0X"));
        int radix = hex ? 16 : 10;
        if (hex) {
            digits = digits.substring(2);
        }
        if (digits.isEmpty() || !digits.chars().allMatch(c -> Character.digit(c, radix) >= 0 && c < 128)) {
            throw invalid(def, type, value, "is not a valid");
        }
        long v;
        try {
            v = Long.parseLong(digits, radix);
        } catch (NumberFormatException e) {
            throw invalid(def, type, value, "is out of range for");
        }
        v = negative ? -v : v;
        if (v < min || v > max) {
            throw invalid(def, type, value, "is out of range for");
        }
        return v;
    }

    private static void writeInt(ByteArrayOutputStream out, long v, int size) {
        for (int shift = (size - 1) * 8; shift >= 0; shift -= 8) {
            out.write((int) (v >> shift));
        }
    }

    private static byte[] parseAddress(OptionDefinition def, OptionDataType type, String value, byte[] parsed) {
        if (parsed == null) {
            throw invalid(def, type, value, "is not a valid");
        }
        return parsed;
    }

    /** {@code 2001:db8::/64}: the length, then only the octets the length covers (trailing bits zeroed). */
    private static byte[] parsePrefix(OptionDefinition def, String value) {
        int slash = value.indexOf('/');
        byte[] address = slash < 0 ? null : AddressText.parseIpv6(value.substring(0, slash).strip());
        int length = slash < 0 ? -1 : parseSmall(value.substring(slash + 1).strip(), 128);
        if (address == null || length < 0) {
            throw invalid(def, OptionDataType.IPV6_PREFIX, value, "is not a valid");
        }
        int octets = (length + 7) / 8;
        byte[] out = new byte[1 + octets];
        out[0] = (byte) length;
        System.arraycopy(address, 0, out, 1, octets);
        if (length % 8 != 0) {
            out[octets] &= (byte) (0xff << (8 - length % 8));
        }
        return out;
    }

    /** {@code psid/length} (RFC 7597): the length, then the PSID left-aligned in 16 bits. */
    private static byte[] parsePsid(OptionDefinition def, String value) {
        int slash = value.indexOf('/');
        if (slash < 0) {
            throw invalid(def, OptionDataType.PSID, value, "is not of the form psid/length; not a valid");
        }
        int length = parseSmall(value.substring(slash + 1).strip(), 16);
        if (length < 0) {
            throw invalid(def, OptionDataType.PSID, value, "has a length outside 0..16; not a valid");
        }
        long psid = parseInteger(def, OptionDataType.PSID, value.substring(0, slash).strip(), 0, (1L << length) - 1);
        int aligned = length == 0 ? 0 : (int) (psid << (16 - length));
        return new byte[] {(byte) length, (byte) (aligned >> 8), (byte) aligned};
    }

    private static int parseSmall(String s, int max) {
        if (s.isEmpty() || s.length() > 3 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        int v = Integer.parseInt(s);
        return v > max ? -1 : v;
    }

    /** A domain name in DNS wire format; with or without the final dot, the name ends with the root label. */
    static byte[] parseFqdn(OptionDefinition def, String value) {
        if (value.isEmpty()) {
            throw invalid(def, OptionDataType.FQDN, value, "is empty; not a valid");
        }
        try {
            return DomainName.parse(value).toAbsolute().toWire();
        } catch (IllegalArgumentException e) {
            // the message is "'value' problem", as every value error here starts
            throw new IllegalArgumentException(e.getMessage() + "; not a valid " + OptionDataType.FQDN.keaName()
                    + " in option " + label(def), e);
        }
    }

    /** The text's length in {@code size} bytes, then the text. */
    private static byte[] encodeTuple(OptionDefinition def, String value, int size) {
        byte[] text = value.getBytes(StandardCharsets.UTF_8);
        if (text.length >= 1 << (8 * size)) {
            throw invalid(def, OptionDataType.TUPLE, value, "is longer than " + ((1 << (8 * size)) - 1)
                    + " bytes; not a valid");
        }
        byte[] out = new byte[size + text.length];
        for (int k = 0; k < size; k++) {
            out[k] = (byte) (text.length >> (8 * (size - 1 - k)));
        }
        System.arraycopy(text, 0, out, size, text.length);
        return out;
    }

    /**
     * A tuple's length field is 2 bytes in DHCPv6 (RFC 8415 section 21.16) and 1 byte in DHCPv4
     * (RFC 3925). Rendering has only the definition to go by: its space is {@code dhcp4} or one
     * of the standard DHCPv4 sub-option spaces.
     */
    static boolean isDhcp4Space(String space) {
        return StandardOptions4.SPACE.equals(space) || StandardOptions4.VENDOR_ENCAPSULATED_SPACE.equals(space)
                || StandardOptions4.AGENT_OPTIONS_SPACE.equals(space);
    }

    private static int tupleLengthSize(OptionDefinition def) {
        return isDhcp4Space(def.space()) ? 1 : 2;
    }

    /** Every value error reads "'value' {problem} {type} in option 'name' (code)". */
    private static IllegalArgumentException invalid(OptionDefinition def, OptionDataType type, String value,
                                                    String problem) {
        return new IllegalArgumentException("'" + value + "' " + problem + " " + type.keaName()
                + " in option " + label(def));
    }

    private static String label(OptionDefinition def) {
        return "'" + def.name() + "' (" + def.code() + ")";
    }

    private static String typeList(List<OptionDataType> fields) {
        return String.join(", ", fields.stream().map(OptionDataType::keaName).toList());
    }

    // ---- payload to text ----

    static String toText(OptionDefinition def, byte[] payload) {
        try {
            return render(def, payload);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return HEX.formatHex(payload); // the payload does not fit the definition
        }
    }

    private static String render(OptionDefinition def, byte[] payload) {
        if (def.type() == OptionDataType.EMPTY) {
            return payload.length == 0 ? "" : HEX.formatHex(payload);
        }
        List<OptionDataType> fields = layout(def);
        boolean repeats = def.array();
        List<String> parts = new ArrayList<>();
        if (payload.length == 0 && def.array() && def.type() != OptionDataType.RECORD) {
            return "";
        }
        int[] at = {0};
        int field = 0;
        do {
            if (field >= fields.size() && !repeats) {
                throw new IllegalArgumentException("trailing bytes");
            }
            OptionDataType type = fields.get(Math.min(field, fields.size() - 1));
            parts.add(read(def, type, payload, at));
            field++;
        } while (at[0] < payload.length || field < fields.size());
        return String.join(", ", parts);
    }

    /** Reads one value of {@code type} at {@code at[0]}, advancing it. */
    private static String read(OptionDefinition def, OptionDataType type, byte[] p, int[] at) {
        int i = at[0];
        switch (type) {
            case BOOLEAN -> {
                int v = p[i] & 0xff;
                if (v > 1) {
                    throw new IllegalArgumentException("not a boolean");
                }
                at[0] = i + 1;
                return v == 1 ? "true" : "false";
            }
            case INT8 -> {
                at[0] = i + 1;
                return Integer.toString(p[i]);
            }
            case UINT8 -> {
                at[0] = i + 1;
                return Integer.toString(p[i] & 0xff);
            }
            case INT16 -> {
                at[0] = i + 2;
                return Integer.toString((short) uint(p, i, 2));
            }
            case UINT16 -> {
                at[0] = i + 2;
                return Long.toString(uint(p, i, 2));
            }
            case INT32 -> {
                at[0] = i + 4;
                return Integer.toString((int) uint(p, i, 4));
            }
            case UINT32 -> {
                at[0] = i + 4;
                return Long.toString(uint(p, i, 4));
            }
            case IPV4_ADDRESS -> {
                checkRoom(p, i, 4);
                at[0] = i + 4;
                return AddressText.formatIpv4(p, i);
            }
            case IPV6_ADDRESS -> {
                checkRoom(p, i, 16);
                at[0] = i + 16;
                return AddressText.formatIpv6(p, i);
            }
            case IPV6_PREFIX -> {
                int length = p[i] & 0xff;
                int octets = (length + 7) / 8;
                if (length > 128) {
                    throw new IllegalArgumentException("prefix length");
                }
                checkRoom(p, i + 1, octets);
                byte[] address = new byte[16];
                System.arraycopy(p, i + 1, address, 0, octets);
                at[0] = i + 1 + octets;
                return AddressText.formatIpv6(address, 0) + "/" + length;
            }
            case PSID -> {
                int length = p[i] & 0xff;
                if (length > 16) {
                    throw new IllegalArgumentException("psid length");
                }
                long aligned = uint(p, i + 1, 2);
                at[0] = i + 3;
                return (length == 0 ? 0 : aligned >> (16 - length)) + "/" + length;
            }
            case STRING -> {
                at[0] = p.length; // a string runs to the end of the payload
                String s = new String(p, i, p.length - i, StandardCharsets.UTF_8);
                if (s.isEmpty() || s.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == 0xfffd)) {
                    throw new IllegalArgumentException("not printable text");
                }
                return s;
            }
            case TUPLE -> {
                int size = tupleLengthSize(def);
                int length = (int) uint(p, i, size);
                checkRoom(p, i + size, length);
                at[0] = i + size + length;
                return new String(p, i + size, length, StandardCharsets.UTF_8);
            }
            case BINARY -> {
                at[0] = p.length;
                return HEX.formatHex(p, i, p.length);
            }
            case FQDN -> {
                return readFqdn(p, at);
            }
            default -> throw new IllegalArgumentException("no text form for " + type);
        }
    }

    private static String readFqdn(byte[] p, int[] at) {
        try {
            DomainName name = DomainName.decodeAbsolute(p, at[0]);
            at[0] += name.wireLength();
            return name.toText();
        } catch (MalformedPacketException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static long uint(byte[] p, int at, int size) {
        checkRoom(p, at, size);
        long v = 0;
        for (int k = 0; k < size; k++) {
            v = v << 8 | (p[at + k] & 0xff);
        }
        return v;
    }

    private static void checkRoom(byte[] p, int at, int size) {
        if (at + size > p.length) {
            throw new IndexOutOfBoundsException("payload too short");
        }
    }
}
