package dev.kakapo.hooks;

import java.util.Objects;

/**
 * A datagram's bytes as they arrived or as they will leave ({@code buffer4_receive},
 * {@code buffer4_send}, {@code buffer6_receive}, {@code buffer6_send}). A callout may replace
 * them; received bytes are then decoded as if they had arrived so.
 */
public final class Buffer implements CalloutArguments {
    private final String interfaceName;
    private byte[] bytes;

    public Buffer(byte[] bytes, String interfaceName) {
        this.bytes = bytes.clone();
        this.interfaceName = interfaceName == null ? "" : interfaceName;
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    /** The interface the datagram arrived on or leaves by ("" when not known). */
    public String interfaceName() {
        return interfaceName;
    }

    public void replaceBytes(byte[] replacement) {
        this.bytes = Objects.requireNonNull(replacement, "replacement").clone();
    }

    @Override
    public Buffer copy() {
        return new Buffer(bytes, interfaceName);
    }
}
