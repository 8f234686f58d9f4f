package dev.kakapo.server.testing;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Loopback ports free right now, so parallel test runs do not collide on fixed numbers. */
public final class FreePorts {
    private FreePorts() {
    }

    public static int udp() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A UDP port free on ::1 (the IPv6 port space is separate from IPv4's). */
    public static int udp6() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getByName("::1"))) {
            return s.getLocalPort();
        }
    }

    public static int tcp() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
