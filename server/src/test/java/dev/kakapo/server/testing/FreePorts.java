package dev.kakapo.server.testing;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loopback ports free right now, so parallel test runs do not collide on fixed numbers. A port is
 * handed out once per family and test JVM: the kernel may offer a just-closed port again, and two
 * ports asked for in a row (a gRPC and a control port) must differ.
 */
public final class FreePorts {
    private static final Set<String> GIVEN = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    public static int udp() throws IOException {
        return unique("udp", () -> {
            try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                return s.getLocalPort();
            }
        });
    }

    /** A UDP port free on ::1 (the IPv6 port space is separate from IPv4's). */
    public static int udp6() throws IOException {
        return unique("udp6", () -> {
            try (DatagramSocket s = new DatagramSocket(0, InetAddress.getByName("::1"))) {
                return s.getLocalPort();
            }
        });
    }

    public static int tcp() throws IOException {
        return unique("tcp", () -> {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return s.getLocalPort();
            }
        });
    }

    private interface PortSource {
        int next() throws IOException;
    }

    private static int unique(String family, PortSource source) throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = source.next();
            if (GIVEN.add(family + port)) {
                return port;
            }
        }
        throw new IOException("no " + family + " port that was not handed out before, after 100 attempts");
    }
}
