package dev.kakapo.protocol.v4;

import dev.kakapo.protocol.MalformedPacketException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and lays out options in the three places a DHCPv4 message carries them: the options
 * field, and, when option 52 says so, the {@code file} and {@code sname} fields (RFC 2132 9.3).
 */
final class OptionFields {
    private OptionFields() {
    }

    /**
     * Reads the options between {@code start} and {@code end} of {@code data}, appending each
     * payload to any earlier instance of its code (RFC 3396). PAD is skipped, END stops, a missing
     * END is tolerated. Offsets in errors count from {@code base}, the start of the message.
     *
     * @param skipOverload whether option 52 is ignored here (it belongs in the options field only)
     * @return the offset of the first option 52 read, or -1
     */
    static int read(byte[] data, int start, int end, int base, String field,
                    Map<Integer, ByteArrayOutputStream> into, boolean skipOverload)
            throws MalformedPacketException {
        int overloadAt = -1;
        int p = start;
        while (p < end) {
            int code = data[p] & 0xff;
            if (code == OptionCode4.PAD) {
                p++;
                continue;
            }
            if (code == OptionCode4.END) {
                break;
            }
            if (p + 1 >= end) {
                throw new MalformedPacketException(MalformedPacketException.Reason.OPTION_OVERRUN, p - base,
                        "option " + code + " in the " + field + " field has no length byte");
            }
            int len = data[p + 1] & 0xff;
            if (p + 2 + len > end) {
                throw new MalformedPacketException(MalformedPacketException.Reason.OPTION_OVERRUN, p - base,
                        "option " + code + " in the " + field + " field claims " + len + " bytes but only "
                                + (end - p - 2) + " remain");
            }
            if (code == OptionCode4.OVERLOAD && overloadAt < 0) {
                overloadAt = p - base;
            }
            if (!(skipOverload && code == OptionCode4.OVERLOAD)) {
                into.computeIfAbsent(code, c -> new ByteArrayOutputStream()).write(data, p + 2, len);
            }
            p += 2 + len;
        }
        return overloadAt;
    }

    static LinkedHashMap<Integer, byte[]> joined(Map<Integer, ByteArrayOutputStream> read) {
        LinkedHashMap<Integer, byte[]> out = new LinkedHashMap<>();
        read.forEach((code, bytes) -> out.put(code, bytes.toByteArray()));
        return out;
    }

    /** One option instance on the wire: code, then at most 255 bytes. */
    record Instance(int code, byte[] data, int from, int length) {
        int wireSize() {
            return 2 + length;
        }

        void writeTo(byte[] out, int at) {
            out[at] = (byte) code;
            out[at + 1] = (byte) length;
            System.arraycopy(data, from, out, at + 2, length);
        }
    }

    /**
     * The instances to write, in wire order: option 53 first, option 82 last (RFC 3046), option 52
     * left out (the encoder decides overloading), each payload longer than 255 bytes split into
     * consecutive instances (RFC 3396).
     */
    static List<Instance> instances(Map<Integer, byte[]> options) {
        List<Instance> out = new ArrayList<>();
        byte[] type = options.get(OptionCode4.MESSAGE_TYPE);
        if (type != null) {
            split(OptionCode4.MESSAGE_TYPE, type, out);
        }
        options.forEach((code, payload) -> {
            if (code != OptionCode4.MESSAGE_TYPE && code != OptionCode4.OVERLOAD && code != OptionCode4.RELAY_AGENT_INFO) {
                split(code, payload, out);
            }
        });
        byte[] agent = options.get(OptionCode4.RELAY_AGENT_INFO);
        if (agent != null) {
            split(OptionCode4.RELAY_AGENT_INFO, agent, out);
        }
        return out;
    }

    private static void split(int code, byte[] payload, List<Instance> out) {
        int at = 0;
        do {
            int len = Math.min(255, payload.length - at);
            out.add(new Instance(code, payload, at, len));
            at += len;
        } while (at < payload.length);
    }

    /** A field being filled: where it starts in the message and how many option bytes it takes (END excluded). */
    static final class Area {
        final int start;
        final int capacity;
        final List<Instance> placed = new ArrayList<>();
        int used;

        Area(int start, int capacity) {
            this.start = start;
            this.capacity = capacity;
        }

        int free() {
            return capacity - used;
        }

        void add(Instance i) {
            placed.add(i);
            used += i.wireSize();
        }

        /** Writes the placed instances and END; the rest of the field stays zero (PAD). */
        void writeTo(byte[] out) {
            int at = start;
            for (Instance i : placed) {
                i.writeTo(out, at);
                at += i.wireSize();
            }
            out[at] = (byte) OptionCode4.END;
        }
    }

    /**
     * Places {@code instances} into {@code areas} in order. An instance goes whole into the current
     * area when it fits; when it does not, it moves whole to the next area if it fits there,
     * otherwise it is split (RFC 3396) to fill the current area. Returns false when they do not all fit.
     */
    static boolean place(List<Instance> instances, List<Area> areas) {
        int a = 0;
        for (Instance next : instances) {
            Instance rest = next;
            while (rest != null) {
                if (a >= areas.size()) {
                    return false;
                }
                Area area = areas.get(a);
                if (rest.wireSize() <= area.free()) {
                    area.add(rest);
                    rest = null;
                } else if (a + 1 < areas.size() && rest.wireSize() <= areas.get(a + 1).capacity
                        || area.free() < 3) {
                    a++;
                } else {
                    int take = area.free() - 2;
                    area.add(new Instance(rest.code(), rest.data(), rest.from(), take));
                    rest = new Instance(rest.code(), rest.data(), rest.from() + take, rest.length() - take);
                }
            }
        }
        return true;
    }
}
