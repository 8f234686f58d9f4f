package dev.kakapo.protocol.v4;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The options of one DHCPv4 message: one payload per code, in the order the codes first appear on
 * the wire. Several instances of a code are already joined into one payload (RFC 3396). Immutable.
 */
public final class Options4 {
    private final Map<Integer, byte[]> payloads;

    /** Takes ownership of {@code payloads}; callers hand over a map nobody else holds. */
    Options4(LinkedHashMap<Integer, byte[]> payloads) {
        this.payloads = Collections.unmodifiableMap(payloads);
    }

    /** A copy of the payload of {@code code}, or null when the message does not carry it. */
    public byte[] get(int code) {
        byte[] p = payloads.get(code);
        return p == null ? null : p.clone();
    }

    public boolean contains(int code) {
        return payloads.containsKey(code);
    }

    /** The codes present, in wire order. */
    public int[] codes() {
        return payloads.keySet().stream().mapToInt(Integer::intValue).toArray();
    }

    public int size() {
        return payloads.size();
    }

    /** Read-only view for the codec (no copies). */
    Map<Integer, byte[]> payloads() {
        return payloads;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        payloads.forEach((code, p) -> sb.append(sb.length() > 1 ? ", " : "").append(code).append('=')
                .append(java.util.HexFormat.of().formatHex(p)));
        return sb.append('}').toString();
    }
}
