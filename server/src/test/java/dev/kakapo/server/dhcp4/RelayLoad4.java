package dev.kakapo.server.dhcp4;

import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.protocol.v4.Message4;
import dev.kakapo.protocol.v4.MessageType4;
import dev.kakapo.protocol.v4.OptionCode4;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Many clients' DORAs at once through one test relay agent on loopback: up to {@code window}
 * exchanges in flight, each message sent again after a second without an answer (as a client
 * would). Client {@code n} has the MAC address 02:00:5e:nn:nn:nn and the xid {@code n}, so a
 * reply names its client. Records each client's ACKed address and the moment of the ACK.
 */
final class RelayLoad4 implements AutoCloseable {

    /** What a run did: per client the ACKed address (0 when none) and the ACK time (System.nanoTime). */
    record Result(int firstClient, int[] address, long[] ackedAt, long naks, long retransmissions) {
        int acked() {
            int n = 0;
            for (int a : address) {
                n += a != 0 ? 1 : 0;
            }
            return n;
        }
    }

    private static final int IDLE = 0;
    private static final int DISCOVERING = 1;
    private static final int REQUESTING = 2;
    private static final int BOUND = 3;
    private static final long RESEND_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final DatagramChannel channel;
    private final InetSocketAddress server;
    private final int giaddr;
    private final int firstClient;
    private final int clients;
    private final Semaphore window;
    private final AtomicIntegerArray phase;
    private final AtomicLongArray sentAt;
    private final AtomicIntegerArray offered;
    private final int[] address;
    private final long[] ackedAt;
    private final AtomicLong naks = new AtomicLong();
    private final AtomicLong retransmissions = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private volatile byte[] serverId;

    RelayLoad4(String relayAddress, String serverAddress, int port, int firstClient, int clients, int window)
            throws IOException {
        this.channel = DatagramChannel.open();
        channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
        channel.bind(new InetSocketAddress(InetAddress.getByName(relayAddress), port));
        this.server = new InetSocketAddress(InetAddress.getByName(serverAddress), port);
        this.giaddr = Ipv4.parse(relayAddress);
        this.firstClient = firstClient;
        this.clients = clients;
        this.window = new Semaphore(window);
        this.phase = new AtomicIntegerArray(clients);
        this.sentAt = new AtomicLongArray(clients);
        this.offered = new AtomicIntegerArray(clients);
        this.address = new int[clients];
        this.ackedAt = new long[clients];
    }

    static byte[] mac(int client) {
        return new byte[] {0x02, 0x00, 0x5e, (byte) (client >> 16), (byte) (client >> 8), (byte) client};
    }

    /** ACKs so far, for watching a run from another thread. */
    long acked() {
        return acked.get();
    }

    /**
     * Runs every client's DORA and returns when all are bound, or when {@code limitSeconds} have
     * passed (the result then shows who is missing).
     */
    Result run(long limitSeconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(limitSeconds);
        Thread receiver = new Thread(this::receive, "relay-load-receive-" + firstClient);
        receiver.setDaemon(true);
        receiver.start();
        Thread resender = new Thread(() -> resend(deadline), "relay-load-resend-" + firstClient);
        resender.setDaemon(true);
        resender.start();
        for (int i = 0; i < clients && System.nanoTime() < deadline; i++) {
            while (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                if (System.nanoTime() >= deadline) {
                    break;
                }
            }
            phase.set(i, DISCOVERING);
            sendDiscover(i);
        }
        while (acked.get() < clients && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        resender.interrupt();
        resender.join();
        return new Result(firstClient, address.clone(), ackedAt.clone(), naks.get(), retransmissions.get());
    }

    private void receive() {
        ByteBuffer buffer = ByteBuffer.allocate(2048);
        while (channel.isOpen()) {
            try {
                buffer.clear();
                channel.receive(buffer);
                buffer.flip();
                Message4 reply = Message4.decode(buffer.array(), 0, buffer.limit());
                int i = reply.xid() - firstClient;
                if (i < 0 || i >= clients) {
                    continue;
                }
                MessageType4 type = reply.messageType();
                if (type == MessageType4.OFFER && phase.get(i) == DISCOVERING) {
                    if (serverId == null) {
                        serverId = reply.options().get(OptionCode4.SERVER_ID);
                    }
                    // Written before the phase moves on, so the resender never sees REQUESTING without it.
                    offered.set(i, reply.yiaddr());
                    if (phase.compareAndSet(i, DISCOVERING, REQUESTING)) {
                        sendRequest(i);
                    }
                } else if (type == MessageType4.ACK && phase.compareAndSet(i, REQUESTING, BOUND)) {
                    address[i] = reply.yiaddr();
                    ackedAt[i] = System.nanoTime();
                    acked.incrementAndGet();
                    window.release();
                } else if (type == MessageType4.NAK && phase.compareAndSet(i, REQUESTING, DISCOVERING)) {
                    naks.incrementAndGet();
                    sendDiscover(i);
                }
            } catch (ClosedChannelException e) {
                return;
            } catch (Exception e) {
                // A reply this relay cannot read counts as lost; the client sends again.
            }
        }
    }

    /** Sends again for every client that waited more than a second. */
    private void resend(long deadline) {
        while (!Thread.currentThread().isInterrupted() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(250);
                long now = System.nanoTime();
                for (int i = 0; i < clients; i++) {
                    int p = phase.get(i);
                    if ((p == DISCOVERING || p == REQUESTING) && now - sentAt.get(i) > RESEND_NANOS) {
                        retransmissions.incrementAndGet();
                        if (p == DISCOVERING) {
                            sendDiscover(i);
                        } else {
                            sendRequest(i);
                        }
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                // The next round sends again.
            }
        }
    }

    private void sendDiscover(int i) throws IOException {
        send(i, message(MessageType4.DISCOVER, i));
    }

    private void sendRequest(int i) throws IOException {
        send(i, message(MessageType4.REQUEST, i)
                .option(OptionCode4.REQUESTED_ADDRESS, Ipv4.toBytes(offered.get(i)))
                .option(OptionCode4.SERVER_ID, serverId));
    }

    private Message4.Builder message(MessageType4 type, int i) {
        return Message4.builder().op(1).htype(1).chaddr(mac(firstClient + i)).hops(1).xid(firstClient + i)
                .giaddr(giaddr).option(OptionCode4.MESSAGE_TYPE, new byte[] {(byte) type.code()});
    }

    private void send(int i, Message4.Builder message) throws IOException {
        sentAt.set(i, System.nanoTime());
        channel.send(ByteBuffer.wrap(message.build().encode()), server);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
