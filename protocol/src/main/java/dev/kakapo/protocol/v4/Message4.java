package dev.kakapo.protocol.v4;

import dev.kakapo.protocol.MalformedPacketException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;

/**
 * A DHCPv4 message (RFC 2131 section 2): the fixed BOOTP header and the options. Immutable and
 * decoded once; options carried in {@code file}/{@code sname} through option 52 and options split
 * over several instances are already joined in {@link #options()}.
 */
public final class Message4 {
    /** The BOOTP minimum message size; shorter encodings are padded with zeros up to it. */
    public static final int MIN_SIZE = 300;

    static final int CHADDR_AT = 28;
    static final int SNAME_AT = 44;
    static final int FILE_AT = 108;
    static final int COOKIE_AT = 236;
    static final int OPTIONS_AT = 240;
    static final int CHADDR_SIZE = 16;
    static final int SNAME_SIZE = 64;
    static final int FILE_SIZE = 128;
    private static final int OVERLOAD_FILE = 1;
    private static final int OVERLOAD_SNAME = 2;
    private static final byte[] MAGIC_COOKIE = {99, (byte) 130, 83, 99};

    private final int op;
    private final int htype;
    private final int hlen;
    private final int hops;
    private final int xid;
    private final int secs;
    private final int flags;
    private final int ciaddr;
    private final int yiaddr;
    private final int siaddr;
    private final int giaddr;
    private final byte[] chaddr; // the whole 16-byte field
    private final byte[] sname;  // 64 bytes
    private final byte[] file;   // 128 bytes
    private final Options4 options;

    private Message4(Builder b, Options4 options) {
        this.op = b.op;
        this.htype = b.htype;
        this.hlen = b.hlen;
        this.hops = b.hops;
        this.xid = b.xid;
        this.secs = b.secs;
        this.flags = b.flags;
        this.ciaddr = b.ciaddr;
        this.yiaddr = b.yiaddr;
        this.siaddr = b.siaddr;
        this.giaddr = b.giaddr;
        this.chaddr = b.chaddr.clone();
        this.sname = b.sname.clone();
        this.file = b.file.clone();
        this.options = options;
    }

    // ---- decoding ----

    public static Message4 decode(byte[] data) throws MalformedPacketException {
        return decode(data, 0, data.length);
    }

    /**
     * Decodes the message in {@code data[offset, offset + length)}. Offsets in errors count from
     * {@code offset}. The range itself must lie inside {@code data} (IndexOutOfBoundsException).
     */
    public static Message4 decode(byte[] data, int offset, int length) throws MalformedPacketException {
        Objects.checkFromIndexSize(offset, length, data.length);
        if (length < OPTIONS_AT) {
            throw new MalformedPacketException(MalformedPacketException.Reason.TRUNCATED, length,
                    "message is " + length + " bytes; a DHCPv4 message needs at least " + OPTIONS_AT
                            + " (236-byte header and 4-byte magic cookie)");
        }
        int hlen = data[offset + 2] & 0xff;
        if (hlen > CHADDR_SIZE) {
            throw new MalformedPacketException(MalformedPacketException.Reason.BAD_HLEN, 2,
                    "hlen " + hlen + " is more than the " + CHADDR_SIZE + " bytes of chaddr");
        }
        for (int i = 0; i < 4; i++) {
            if (data[offset + COOKIE_AT + i] != MAGIC_COOKIE[i]) {
                throw new MalformedPacketException(MalformedPacketException.Reason.BAD_MAGIC_COOKIE, COOKIE_AT + i,
                        "magic cookie is " + HexFormat.of().formatHex(data, offset + COOKIE_AT, offset + OPTIONS_AT)
                                + ", not 63825363");
            }
        }
        Builder b = new Builder();
        b.op = data[offset] & 0xff;
        b.htype = data[offset + 1] & 0xff;
        b.hlen = hlen;
        b.hops = data[offset + 3] & 0xff;
        b.xid = int32(data, offset + 4);
        b.secs = uint16(data, offset + 8);
        b.flags = uint16(data, offset + 10);
        b.ciaddr = int32(data, offset + 12);
        b.yiaddr = int32(data, offset + 16);
        b.siaddr = int32(data, offset + 20);
        b.giaddr = int32(data, offset + 24);
        System.arraycopy(data, offset + CHADDR_AT, b.chaddr, 0, CHADDR_SIZE);
        System.arraycopy(data, offset + SNAME_AT, b.sname, 0, SNAME_SIZE);
        System.arraycopy(data, offset + FILE_AT, b.file, 0, FILE_SIZE);

        LinkedHashMap<Integer, ByteArrayOutputStream> read = new LinkedHashMap<>();
        int overloadAt = OptionFields.read(data, offset + OPTIONS_AT, offset + length, offset, "options", read, false);
        if (overloadAt >= 0) {
            byte[] overload = read.get(OptionCode4.OVERLOAD).toByteArray();
            int value = overload.length == 1 ? overload[0] & 0xff : 0;
            if (value < 1 || value > 3) {
                throw new MalformedPacketException(MalformedPacketException.Reason.BAD_OVERLOAD, overloadAt,
                        "option 52 must be one byte of value 1, 2 or 3, not " + HexFormat.of().formatHex(overload));
            }
            // RFC 2131 4.1: the file field is read before sname
            if ((value & OVERLOAD_FILE) != 0) {
                OptionFields.read(data, offset + FILE_AT, offset + COOKIE_AT, offset, "file", read, true);
                b.file = new byte[FILE_SIZE];
            }
            if ((value & OVERLOAD_SNAME) != 0) {
                OptionFields.read(data, offset + SNAME_AT, offset + FILE_AT, offset, "sname", read, true);
                b.sname = new byte[SNAME_SIZE];
            }
        }
        return new Message4(b, new Options4(OptionFields.joined(read)));
    }

    private static int int32(byte[] d, int at) {
        return (d[at] & 0xff) << 24 | (d[at + 1] & 0xff) << 16 | (d[at + 2] & 0xff) << 8 | (d[at + 3] & 0xff);
    }

    private static int uint16(byte[] d, int at) {
        return (d[at] & 0xff) << 8 | (d[at + 1] & 0xff);
    }

    // ---- encoding ----

    /** RFC 2131 layout: header, magic cookie, all options in the options field, END, zero padding to MIN_SIZE. */
    public byte[] encode() {
        return encode(Integer.MAX_VALUE);
    }

    /**
     * Encodes into at most {@code maxSize} bytes (the DHCP message, without IP and UDP headers;
     * values below MIN_SIZE count as MIN_SIZE). When the options do not fit in the options field,
     * the rest go into {@code file} and then {@code sname}, whichever of them is all zero, and
     * option 52 says so (RFC 2132 9.3). Option 52 in {@link #options()} is ignored: the encoder
     * decides overloading itself.
     *
     * @throws IllegalArgumentException when the options do not fit even with overloading
     */
    public byte[] encode(int maxSize) {
        int limit = Math.max(maxSize, MIN_SIZE);
        List<OptionFields.Instance> instances = OptionFields.instances(options.payloads());
        int optionBytes = instances.stream().mapToInt(OptionFields.Instance::wireSize).sum();
        if ((long) OPTIONS_AT + optionBytes + 1 <= limit) {
            OptionFields.Area main = new OptionFields.Area(OPTIONS_AT, optionBytes);
            instances.forEach(main::add);
            return write(main, sname, file, Math.max(OPTIONS_AT + optionBytes + 1, MIN_SIZE));
        }
        return encodeOverloaded(instances, optionBytes, limit);
    }

    private byte[] encodeOverloaded(List<OptionFields.Instance> instances, int optionBytes, int limit) {
        // the options field keeps room for option 52 (3 bytes) and END
        OptionFields.Area main = new OptionFields.Area(OPTIONS_AT, limit - OPTIONS_AT - 3 - 1);
        OptionFields.Area fileArea = allZero(file) ? new OptionFields.Area(FILE_AT, FILE_SIZE - 1) : null;
        OptionFields.Area snameArea = allZero(sname) ? new OptionFields.Area(SNAME_AT, SNAME_SIZE - 1) : null;
        List<OptionFields.Area> areas = new ArrayList<>();
        areas.add(main);
        if (fileArea != null) {
            areas.add(fileArea);
        }
        if (snameArea != null) {
            areas.add(snameArea);
        }
        if (!OptionFields.place(instances, areas)) {
            throw new IllegalArgumentException("options need " + optionBytes + " bytes and do not fit in a "
                    + limit + "-byte message even using " + (areas.size() == 1 ? "overloading (file and sname are in use)"
                    : "the file and sname fields"));
        }
        int overload = (fileArea != null && !fileArea.placed.isEmpty() ? OVERLOAD_FILE : 0)
                | (snameArea != null && !snameArea.placed.isEmpty() ? OVERLOAD_SNAME : 0);
        // option 52 goes right after option 53, which the layout always puts first
        boolean typeFirst = !main.placed.isEmpty() && main.placed.get(0).code() == OptionCode4.MESSAGE_TYPE;
        main.placed.add(typeFirst ? 1 : 0,
                new OptionFields.Instance(OptionCode4.OVERLOAD, new byte[] {(byte) overload}, 0, 1));
        main.used += 3;
        byte[] out = write(main, (overload & OVERLOAD_SNAME) != 0 ? null : sname,
                (overload & OVERLOAD_FILE) != 0 ? null : file, Math.max(OPTIONS_AT + main.used + 1, MIN_SIZE));
        if (fileArea != null && (overload & OVERLOAD_FILE) != 0) {
            fileArea.writeTo(out);
        }
        if (snameArea != null && (overload & OVERLOAD_SNAME) != 0) {
            snameArea.writeTo(out);
        }
        return out;
    }

    /** Header, the given sname/file contents (null leaves them zero), cookie and the options field. */
    private byte[] write(OptionFields.Area main, byte[] snameField, byte[] fileField, int size) {
        byte[] out = new byte[size];
        out[0] = (byte) op;
        out[1] = (byte) htype;
        out[2] = (byte) hlen;
        out[3] = (byte) hops;
        putInt32(out, 4, xid);
        out[8] = (byte) (secs >> 8);
        out[9] = (byte) secs;
        out[10] = (byte) (flags >> 8);
        out[11] = (byte) flags;
        putInt32(out, 12, ciaddr);
        putInt32(out, 16, yiaddr);
        putInt32(out, 20, siaddr);
        putInt32(out, 24, giaddr);
        System.arraycopy(chaddr, 0, out, CHADDR_AT, CHADDR_SIZE);
        if (snameField != null) {
            System.arraycopy(snameField, 0, out, SNAME_AT, SNAME_SIZE);
        }
        if (fileField != null) {
            System.arraycopy(fileField, 0, out, FILE_AT, FILE_SIZE);
        }
        System.arraycopy(MAGIC_COOKIE, 0, out, COOKIE_AT, 4);
        main.writeTo(out);
        return out;
    }

    private static void putInt32(byte[] out, int at, int v) {
        out[at] = (byte) (v >> 24);
        out[at + 1] = (byte) (v >> 16);
        out[at + 2] = (byte) (v >> 8);
        out[at + 3] = (byte) v;
    }

    private static boolean allZero(byte[] field) {
        for (byte b : field) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    // ---- fields ----

    /** 1 = BOOTREQUEST, 2 = BOOTREPLY. */
    public int op() {
        return op;
    }

    public int htype() {
        return htype;
    }

    public int hlen() {
        return hlen;
    }

    public int hops() {
        return hops;
    }

    public int xid() {
        return xid;
    }

    public int secs() {
        return secs;
    }

    public int flags() {
        return flags;
    }

    /** The BROADCAST bit (RFC 2131 figure 2): the client cannot take unicast before it has its address. */
    public boolean broadcastFlag() {
        return (flags & 0x8000) != 0;
    }

    public int ciaddr() {
        return ciaddr;
    }

    public int yiaddr() {
        return yiaddr;
    }

    public int siaddr() {
        return siaddr;
    }

    public int giaddr() {
        return giaddr;
    }

    /** The client hardware address: the first {@code hlen} bytes of chaddr. */
    public byte[] chaddr() {
        return java.util.Arrays.copyOf(chaddr, hlen);
    }

    /** The 64-byte server host name field; all zero when it carried overloaded options. */
    public byte[] sname() {
        return sname.clone();
    }

    /** The 128-byte boot file name field; all zero when it carried overloaded options. */
    public byte[] file() {
        return file.clone();
    }

    public Options4 options() {
        return options;
    }

    /** The type option 53 names, or null when the option is absent, not one byte, or unknown. */
    public MessageType4 messageType() {
        byte[] type = options.payloads().get(OptionCode4.MESSAGE_TYPE);
        return type != null && type.length == 1 ? MessageType4.fromCode(type[0] & 0xff) : null;
    }

    @Override
    public String toString() {
        MessageType4 type = messageType();
        return "Message4{" + (type == null ? "op=" + op : type) + ", xid=" + String.format("0x%08x", xid)
                + ", chaddr=" + HexFormat.ofDelimiter(":").formatHex(chaddr()) + ", options=" + options + "}";
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.op = op;
        b.htype = htype;
        b.hlen = hlen;
        b.hops = hops;
        b.xid = xid;
        b.secs = secs;
        b.flags = flags;
        b.ciaddr = ciaddr;
        b.yiaddr = yiaddr;
        b.siaddr = siaddr;
        b.giaddr = giaddr;
        b.chaddr = chaddr.clone();
        b.sname = sname.clone();
        b.file = file.clone();
        options.payloads().forEach((code, payload) -> b.options.put(code, payload.clone()));
        return b;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a message; every field starts at zero. Out-of-range values raise IllegalArgumentException. */
    public static final class Builder {
        private int op;
        private int htype;
        private int hlen;
        private int hops;
        private int xid;
        private int secs;
        private int flags;
        private int ciaddr;
        private int yiaddr;
        private int siaddr;
        private int giaddr;
        private byte[] chaddr = new byte[CHADDR_SIZE];
        private byte[] sname = new byte[SNAME_SIZE];
        private byte[] file = new byte[FILE_SIZE];
        private final LinkedHashMap<Integer, byte[]> options = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder op(int op) {
            this.op = unsigned("op", op, 0xff);
            return this;
        }

        public Builder htype(int htype) {
            this.htype = unsigned("htype", htype, 0xff);
            return this;
        }

        /** Set after {@link #chaddr} to declare a length other than the address's. */
        public Builder hlen(int hlen) {
            this.hlen = unsigned("hlen", hlen, CHADDR_SIZE);
            return this;
        }

        public Builder hops(int hops) {
            this.hops = unsigned("hops", hops, 0xff);
            return this;
        }

        public Builder xid(int xid) {
            this.xid = xid;
            return this;
        }

        public Builder secs(int secs) {
            this.secs = unsigned("secs", secs, 0xffff);
            return this;
        }

        public Builder flags(int flags) {
            this.flags = unsigned("flags", flags, 0xffff);
            return this;
        }

        public Builder ciaddr(int ciaddr) {
            this.ciaddr = ciaddr;
            return this;
        }

        public Builder yiaddr(int yiaddr) {
            this.yiaddr = yiaddr;
            return this;
        }

        public Builder siaddr(int siaddr) {
            this.siaddr = siaddr;
            return this;
        }

        public Builder giaddr(int giaddr) {
            this.giaddr = giaddr;
            return this;
        }

        /** The client hardware address (at most 16 bytes); also sets hlen to its length. */
        public Builder chaddr(byte[] chaddr) {
            this.chaddr = field("chaddr", chaddr, CHADDR_SIZE);
            this.hlen = chaddr.length;
            return this;
        }

        /** The server host name field (at most 64 bytes, zero-padded). */
        public Builder sname(byte[] sname) {
            this.sname = field("sname", sname, SNAME_SIZE);
            return this;
        }

        /** The boot file name field (at most 128 bytes, zero-padded). */
        public Builder file(byte[] file) {
            this.file = field("file", file, FILE_SIZE);
            return this;
        }

        /**
         * Adds option {@code code} or replaces its payload in place (insertion order is kept). A
         * payload longer than 255 bytes is split over several instances when encoded.
         */
        public Builder option(int code, byte[] payload) {
            if (code == OptionCode4.PAD || code == OptionCode4.END || code < 0 || code > 255) {
                throw new IllegalArgumentException("option code " + code + " cannot carry data (1..254 can)");
            }
            options.put(code, Objects.requireNonNull(payload, "payload").clone());
            return this;
        }

        public Builder removeOption(int code) {
            options.remove(code);
            return this;
        }

        public Message4 build() {
            return new Message4(this, new Options4(new LinkedHashMap<>(options)));
        }

        private static int unsigned(String name, int value, int max) {
            if (value < 0 || value > max) {
                throw new IllegalArgumentException(name + " " + value + " is outside 0.." + max);
            }
            return value;
        }

        private static byte[] field(String name, byte[] value, int size) {
            if (value.length > size) {
                throw new IllegalArgumentException(name + " is " + value.length + " bytes; the field holds " + size);
            }
            return java.util.Arrays.copyOf(value, size);
        }
    }
}
