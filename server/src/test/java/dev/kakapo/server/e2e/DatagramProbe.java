package dev.kakapo.server.e2e;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A small program the end-to-end tests start inside a network namespace, where the test's own JVM
 * cannot open sockets. It uses the JDK only, so it runs from the test classes folder alone:
 *
 * <pre>
 * DatagramProbe exchange LOCAL_PORT DESTINATION DESTINATION_PORT REQUEST_FILE WAIT_MS REPLY_FILE
 *     sends the DHCPv4 message in REQUEST_FILE as one UDP datagram from 0.0.0.0:LOCAL_PORT
 *     (broadcast allowed) and waits up to WAIT_MS for a BOOTREPLY with the same xid, which it
 *     writes to REPLY_FILE; exit status 0 with a reply, 3 without one
 * DatagramProbe get URL
 *     prints the body of an HTTP GET; exit status 0 for 200
 * </pre>
 */
final class DatagramProbe {
    static final int NO_REPLY = 3;

    private DatagramProbe() {
    }

    public static void main(String[] args) throws Exception {
        int status = switch (args.length > 0 ? args[0] : "") {
            case "exchange" -> args.length == 7 ? exchange(Integer.parseInt(args[1]), args[2], Integer.parseInt(args[3]),
                    Path.of(args[4]), Duration.ofMillis(Long.parseLong(args[5])), Path.of(args[6])) : usage();
            case "get" -> args.length == 2 ? get(URI.create(args[1])) : usage();
            default -> usage();
        };
        System.exit(status);
    }

    /** The program and its arguments: this class on the class path it was loaded from. */
    static List<String> command(String... args) {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classes;
        try {
            classes = Path.of(DatagramProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (Exception e) {
            throw new IllegalStateException("cannot tell where " + DatagramProbe.class.getName() + " was loaded from", e);
        }
        List<String> command = new ArrayList<>(List.of(javaBin, "-XX:TieredStopAtLevel=1",
                "-cp", classes, DatagramProbe.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    private static int exchange(int localPort, String destination, int destinationPort, Path requestFile, Duration wait,
                                Path replyFile) throws IOException {
        byte[] request = Files.readAllBytes(requestFile);
        try (DatagramSocket socket = new DatagramSocket(null)) {
            socket.setReuseAddress(true);
            socket.setBroadcast(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), localPort));
            socket.send(new DatagramPacket(request, request.length, InetAddress.getByName(destination), destinationPort));
            System.out.println("sent " + request.length + " bytes to " + destination + ":" + destinationPort);
            long deadline = System.nanoTime() + wait.toNanos();
            byte[] buffer = new byte[65536];
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    System.out.println("no reply within " + wait.toMillis() + " ms");
                    return NO_REPLY;
                }
                socket.setSoTimeout((int) left);
                DatagramPacket p = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(p);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                byte[] reply = Arrays.copyOf(p.getData(), p.getLength());
                // a BOOTREPLY (op 2) answering this request's xid (bytes 4-7); anything else is someone else's
                if (reply.length > 8 && reply[0] == 2 && Arrays.equals(reply, 4, 8, request, 4, 8)) {
                    Files.write(replyFile, reply);
                    System.out.println("reply of " + reply.length + " bytes from " + p.getSocketAddress());
                    return 0;
                }
                System.out.println("ignored " + reply.length + " bytes from " + p.getSocketAddress());
            }
        }
    }

    private static int get(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        System.out.print(r.body());
        return r.statusCode() == 200 ? 0 : 1;
    }

    private static int usage() {
        System.err.println("usage: DatagramProbe exchange LOCAL_PORT DESTINATION DESTINATION_PORT REQUEST_FILE WAIT_MS REPLY_FILE"
                + "\n       DatagramProbe get URL");
        return 2;
    }
}
