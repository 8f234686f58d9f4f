package dev.kakapo.protocol.v4;

import dev.kakapo.protocol.MalformedPacketException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** The payload of option 82, relay agent information (RFC 3046): a list of sub-options. Immutable. */
public final class RelayAgentInfo {
    public static final int CIRCUIT_ID = 1;
    public static final int REMOTE_ID = 2;
    /** RFC 3527: the subnet the relay wants the address from. */
    public static final int LINK_SELECTION = 5;
    /** RFC 3993. */
    public static final int SUBSCRIBER_ID = 6;
    /** RFC 5107. */
    public static final int SERVER_ID_OVERRIDE = 11;
    /** RFC 6925. */
    public static final int RELAY_ID = 12;

    private final List<SubOption> subOptions;

    private RelayAgentInfo(List<SubOption> subOptions) {
        this.subOptions = List.copyOf(subOptions);
    }

    /** One sub-option: a code and at most 255 bytes of data. */
    public record SubOption(int code, byte[] data) {
        public SubOption {
            if (code < 0 || code > 255) {
                throw new IllegalArgumentException("sub-option code " + code + " is outside 0..255");
            }
            if (data.length > 255) {
                throw new IllegalArgumentException("sub-option " + code + " has " + data.length + " bytes; at most 255 fit");
            }
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SubOption s && s.code == code && Arrays.equals(s.data, data);
        }

        @Override
        public int hashCode() {
            return 31 * code + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return code + "=" + HexFormat.of().formatHex(data);
        }
    }

    public static RelayAgentInfo of(List<SubOption> subOptions) {
        return new RelayAgentInfo(subOptions);
    }

    /** Reads the sub-options of an option 82 payload; offsets in errors count from the payload's start. */
    public static RelayAgentInfo parse(byte[] payload) throws MalformedPacketException {
        List<SubOption> out = new ArrayList<>();
        int p = 0;
        while (p < payload.length) {
            int code = payload[p] & 0xff;
            if (p + 1 >= payload.length) {
                throw new MalformedPacketException(MalformedPacketException.Reason.SUBOPTION_OVERRUN, p,
                        "relay agent sub-option " + code + " has no length byte");
            }
            int len = payload[p + 1] & 0xff;
            if (p + 2 + len > payload.length) {
                throw new MalformedPacketException(MalformedPacketException.Reason.SUBOPTION_OVERRUN, p,
                        "relay agent sub-option " + code + " claims " + len + " bytes but only "
                                + (payload.length - p - 2) + " remain in option 82");
            }
            out.add(new SubOption(code, Arrays.copyOfRange(payload, p + 2, p + 2 + len)));
            p += 2 + len;
        }
        return new RelayAgentInfo(out);
    }

    public List<SubOption> subOptions() {
        return subOptions;
    }

    /** The data of the first sub-option with this code, or null. */
    public byte[] subOption(int code) {
        for (SubOption s : subOptions) {
            if (s.code() == code) {
                return s.data();
            }
        }
        return null;
    }

    /** The option 82 payload. */
    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (SubOption s : subOptions) {
            out.write(s.code());
            out.write(s.data.length);
            out.writeBytes(s.data);
        }
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return "RelayAgentInfo" + subOptions;
    }
}
