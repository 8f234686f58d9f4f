package dev.kakapo.protocol.dns;

import dev.kakapo.protocol.MalformedPacketException;
import dev.kakapo.protocol.MalformedPacketException.Reason;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A checked DNS name (RFC 1035 section 3.1): labels of 1..63 bytes, at most 255 bytes in wire
 * form counting the root label. A name is <em>absolute</em> (fully qualified, ends with the root
 * label: {@code host.example.org.}) or <em>partial</em> (no root label: {@code host}), which the
 * Client FQDN options (RFC 4702, RFC 4704) use for a name the server should complete. A partial
 * name is kept short enough that it still fits once the root label is added.
 *
 * <p>The case of the labels is kept as given; {@link #equals} ignores ASCII case as DNS does
 * (RFC 4343). Text uses the master-file form: a dot inside a label, a backslash and any byte
 * outside printable ASCII are escaped ({@code \.}, {@code \\}, {@code \DDD}). Immutable.
 */
public final class DomainName {
    public static final int MAX_LABEL_LENGTH = 63;
    public static final int MAX_WIRE_LENGTH = 255;
    /** The root name, {@code "."}: absolute with no labels. */
    public static final DomainName ROOT = new DomainName(new byte[0][], true);
    /** No name at all: partial with no labels, as a Client FQDN option carries when the client has no name. */
    public static final DomainName EMPTY = new DomainName(new byte[0][], false);

    private final byte[][] labels;
    private final boolean absolute;

    private DomainName(byte[][] labels, boolean absolute) {
        this.labels = labels;
        this.absolute = absolute;
    }

    // ---- text ----

    /**
     * Reads a name in text form: a trailing dot makes it absolute, {@code "."} is the root and
     * {@code ""} is {@link #EMPTY}.
     *
     * @throws IllegalArgumentException reading "'text' has a label of 64 bytes (1..63 allowed)" or
     *                                  the like: the text in quotes, then what is wrong with it
     */
    public static DomainName parse(String text) {
        if (text.isEmpty()) {
            return EMPTY;
        }
        if (text.equals(".")) {
            return ROOT;
        }
        List<byte[]> labels = new ArrayList<>();
        ByteArrayOutputStream label = new ByteArrayOutputStream();
        boolean absolute = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.') {
                labels.add(checkedLabel(text, label));
                if (i == text.length() - 1) {
                    absolute = true;
                }
            } else if (c == '\\') {
                i = readEscape(text, i, label);
            } else if (c < 0x80) {
                label.write(c);
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < text.length() ? i + 2 : i + 1;
                label.writeBytes(text.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
            }
        }
        if (!absolute) {
            labels.add(checkedLabel(text, label));
        }
        DomainName name = new DomainName(labels.toArray(new byte[0][]), absolute);
        if (name.absoluteLength() > MAX_WIRE_LENGTH) {
            throw new IllegalArgumentException("'" + text + "' is longer than " + MAX_WIRE_LENGTH + " bytes");
        }
        return name;
    }

    /** Reads the escape at {@code text[at]} (a backslash) into {@code label}; returns the index of its last char. */
    private static int readEscape(String text, int at, ByteArrayOutputStream label) {
        if (at + 1 >= text.length()) {
            throw new IllegalArgumentException("'" + text + "' ends inside an escape (expected \\. or \\DDD)");
        }
        char next = text.charAt(at + 1);
        if (next >= '0' && next <= '9') {
            String digits = at + 4 <= text.length() ? text.substring(at + 1, at + 4) : "";
            if (!digits.chars().allMatch(d -> d >= '0' && d <= '9') || digits.length() != 3
                    || Integer.parseInt(digits) > 255) {
                throw new IllegalArgumentException("'" + text + "' has a bad escape at character " + at
                        + " (expected \\DDD with DDD a byte value 000..255)");
            }
            label.write(Integer.parseInt(digits));
            return at + 3;
        }
        label.write(next); // \. \\ or any other character standing for itself
        return at + 1;
    }

    private static byte[] checkedLabel(String text, ByteArrayOutputStream label) {
        byte[] bytes = label.toByteArray();
        label.reset();
        if (bytes.length == 0 || bytes.length > MAX_LABEL_LENGTH) {
            throw new IllegalArgumentException("'" + text + "' has a label of " + bytes.length
                    + " bytes (1.." + MAX_LABEL_LENGTH + " allowed)");
        }
        return bytes;
    }

    /** The text form: labels joined by dots, escaped as the class comment says, a trailing dot when absolute. */
    public String toText() {
        if (labels.length == 0) {
            return absolute ? "." : "";
        }
        StringBuilder text = new StringBuilder();
        for (byte[] label : labels) {
            appendLabel(text, label);
            text.append('.');
        }
        if (!absolute) {
            text.setLength(text.length() - 1);
        }
        return text.toString();
    }

    private static void appendLabel(StringBuilder text, byte[] label) {
        for (byte b : label) {
            int v = b & 0xff;
            if (v == '.' || v == '\\') {
                text.append('\\').append((char) v);
            } else if (v <= 0x20 || v >= 0x7f) {
                text.append('\\').append(String.format("%03d", v));
            } else {
                text.append((char) v);
            }
        }
    }

    // ---- wire ----

    /**
     * The name that fills {@code bytes[from, to)}, the way a Client FQDN option carries it: absolute
     * when it ends with the root label, partial when the field ends after a label, {@link #EMPTY}
     * when the field is empty.
     *
     * @throws MalformedPacketException BAD_DOMAIN_NAME at the byte at fault: a label length above 63,
     *                                  a label running past {@code to}, bytes after the root label,
     *                                  or more than 255 bytes
     */
    public static DomainName decode(byte[] bytes, int from, int to) throws MalformedPacketException {
        List<byte[]> labels = new ArrayList<>();
        int at = from;
        while (at < to) {
            int length = bytes[at] & 0xff;
            if (length == 0) {
                if (at + 1 != to) {
                    throw new MalformedPacketException(Reason.BAD_DOMAIN_NAME, at + 1,
                            (to - at - 1) + " bytes follow the root label that ends the domain name");
                }
                return checkedLength(labels, true, from, at);
            }
            at = readLabel(bytes, at, to, labels);
        }
        return checkedLength(labels, false, from, at);
    }

    /**
     * The absolute name starting at {@code bytes[from]} and ending with its root label, as names sit
     * in lists and records; {@link #wireLength()} tells where the next field begins.
     *
     * @throws MalformedPacketException BAD_DOMAIN_NAME as {@link #decode}, or when the bytes end
     *                                  before the root label
     */
    public static DomainName decodeAbsolute(byte[] bytes, int from) throws MalformedPacketException {
        List<byte[]> labels = new ArrayList<>();
        int at = from;
        while (at < bytes.length) {
            if (bytes[at] == 0) {
                return checkedLength(labels, true, from, at);
            }
            at = readLabel(bytes, at, bytes.length, labels);
        }
        throw new MalformedPacketException(Reason.BAD_DOMAIN_NAME, at, "the domain name has no root label"
                + " before the end of its field");
    }

    /** Reads the label whose length byte is at {@code at}; returns the index after it. */
    private static int readLabel(byte[] bytes, int at, int to, List<byte[]> labels) throws MalformedPacketException {
        int length = bytes[at] & 0xff;
        if (length > MAX_LABEL_LENGTH) {
            throw new MalformedPacketException(Reason.BAD_DOMAIN_NAME, at, "label length " + length
                    + (length >= 0xc0 ? " is a compression pointer, which has no place in an option" : " is above 63"));
        }
        if (at + 1 + length > to) {
            throw new MalformedPacketException(Reason.BAD_DOMAIN_NAME, at, "label of " + length
                    + " bytes runs past the end of the domain name (" + (to - at - 1) + " bytes left)");
        }
        labels.add(Arrays.copyOfRange(bytes, at + 1, at + 1 + length));
        return at + 1 + length;
    }

    private static DomainName checkedLength(List<byte[]> labels, boolean absolute, int from, int end)
            throws MalformedPacketException {
        DomainName name = new DomainName(labels.toArray(new byte[0][]), absolute);
        if (name.absoluteLength() > MAX_WIRE_LENGTH) {
            throw new MalformedPacketException(Reason.BAD_DOMAIN_NAME, from, "domain name of "
                    + name.absoluteLength() + " bytes is longer than " + MAX_WIRE_LENGTH);
        }
        return name;
    }

    /** The canonical wire form: each label after its length byte, then the root label (a zero) when absolute. */
    public byte[] toWire() {
        byte[] out = new byte[wireLength()];
        int at = 0;
        for (byte[] label : labels) {
            out[at] = (byte) label.length;
            System.arraycopy(label, 0, out, at + 1, label.length);
            at += 1 + label.length;
        }
        return out; // the root label is the last byte, already zero
    }

    /** The length of {@link #toWire()}. */
    public int wireLength() {
        return absoluteLength() - (absolute ? 0 : 1);
    }

    private int absoluteLength() {
        int length = 1;
        for (byte[] label : labels) {
            length += 1 + label.length;
        }
        return length;
    }

    // ---- what a name is, and names made from it ----

    public boolean isAbsolute() {
        return absolute;
    }

    /** Whether the name has no labels: {@link #EMPTY} or {@link #ROOT}. */
    public boolean isEmpty() {
        return labels.length == 0;
    }

    public int labelCount() {
        return labels.length;
    }

    /** The labels, each in text form (escaped as {@link #toText()} escapes them), without dots. */
    public List<String> labels() {
        List<String> out = new ArrayList<>(labels.length);
        for (byte[] label : labels) {
            StringBuilder text = new StringBuilder();
            appendLabel(text, label);
            out.add(text.toString());
        }
        return List.copyOf(out);
    }

    /** This name, absolute: a partial name gets the root label. */
    public DomainName toAbsolute() {
        return absolute ? this : new DomainName(labels, true);
    }

    /**
     * This name completed with {@code suffix}: an absolute name stays as it is; a partial one gets
     * the suffix's labels and becomes absolute ({@code host} + {@code example.org} gives
     * {@code host.example.org.}; with an empty suffix, {@code host.}).
     *
     * @throws IllegalArgumentException when the result would be longer than 255 bytes
     */
    public DomainName qualify(DomainName suffix) {
        if (absolute) {
            return this;
        }
        byte[][] joined = Arrays.copyOf(labels, labels.length + suffix.labels.length);
        System.arraycopy(suffix.labels, 0, joined, labels.length, suffix.labels.length);
        DomainName name = new DomainName(joined, true);
        if (name.absoluteLength() > MAX_WIRE_LENGTH) {
            throw new IllegalArgumentException("'" + toText() + "' qualified with '" + suffix.toText()
                    + "' is longer than " + MAX_WIRE_LENGTH + " bytes");
        }
        return name;
    }

    /** This name with ASCII capitals in lower case, the form a DHCID is computed over (RFC 4701 section 3.5). */
    public DomainName toLowerCase() {
        byte[][] lower = new byte[labels.length][];
        for (int i = 0; i < labels.length; i++) {
            lower[i] = labels[i].clone();
            for (int k = 0; k < lower[i].length; k++) {
                if (lower[i][k] >= 'A' && lower[i][k] <= 'Z') {
                    lower[i][k] += 'a' - 'A';
                }
            }
        }
        return new DomainName(lower, absolute);
    }

    /** Equal when both are absolute or both partial and the labels match ignoring ASCII case. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DomainName other) || other.absolute != absolute || other.labels.length != labels.length) {
            return false;
        }
        DomainName a = toLowerCase();
        DomainName b = other.toLowerCase();
        for (int i = 0; i < labels.length; i++) {
            if (!Arrays.equals(a.labels[i], b.labels[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(toLowerCase().toWire());
    }

    /** The text form. */
    @Override
    public String toString() {
        return toText();
    }
}
