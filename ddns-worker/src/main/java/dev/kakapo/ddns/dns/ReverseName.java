package dev.kakapo.ddns.dns;

import java.net.InetAddress;
import org.xbill.DNS.Name;

/** The PTR owner name of an address: {@code d.c.b.a.in-addr.arpa.} or 32 nibbles under {@code ip6.arpa.}. */
public final class ReverseName {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private ReverseName() {
    }

    public static Name of(InetAddress address) {
        byte[] bytes = address.getAddress();
        StringBuilder name = new StringBuilder(bytes.length == 4 ? 29 : 73);
        for (int i = bytes.length - 1; i >= 0; i--) {
            int b = bytes[i] & 0xFF;
            if (bytes.length == 4) {
                name.append(b).append('.');
            } else {
                name.append(HEX[b & 0x0F]).append('.').append(HEX[b >>> 4]).append('.');
            }
        }
        name.append(bytes.length == 4 ? "in-addr.arpa." : "ip6.arpa.");
        return Name.fromConstantString(name.toString());
    }
}
