package dev.kakapo.server.e2e;

import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.coordinator.lease.Octets;
import dev.kakapo.protocol.v4.Message4;
import dev.kakapo.protocol.v4.MessageType4;
import dev.kakapo.protocol.v4.OptionCode4;
import dev.kakapo.server.dhcp4.Relay4Client;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A relay agent's steady stream of DORAs to one server node, for as long as it runs: a few lanes,
 * each doing one DORA after another, for a new client now and then (at most one per
 * {@code newClientEvery}, at most {@code maxClients} in all, so a small pool lasts) and otherwise
 * for a client already bound, which gets its own address again. A client whose DORA went
 * unanswered is tried again later. An OFFER that comes after its lane gave up is still taken up
 * with a REQUEST, as a real client does, and every ACK that arrives is recorded — a late one too —
 * since each is an address promised to a client.
 *
 * <p>Client {@code n} of stream {@code tag} has the MAC 02:00:5e:TAG:nn:nn.
 */
final class RelayStream4 implements AutoCloseable {

    /** One ACK: the client's MAC, the address it got, from which node, when (System.nanoTime). */
    record Ack(Octets mac, int address, String node, long atNanos) {
        @Override
        public String toString() {
            return mac + " -> " + Ipv4.toText(address) + " from " + node;
        }
    }

    /** How long a lane waits for each answer before it gives the exchange up. */
    private static final long ANSWER_MILLIS = 1000;
    /** A lane's pause between two DORAs, so the stream is steady rather than flat out. */
    private static final long PAUSE_MILLIS = 25;

    private final String node;
    private final int tag;
    private final DatagramSocket socket;
    private final InetSocketAddress server;
    private final int giaddr;
    private final int maxClients;
    private final long newClientNanos;
    private final List<Thread> lanes = new ArrayList<>();
    private final Thread receiver;
    private final Map<Integer, CompletableFuture<Message4>> waiting = new ConcurrentHashMap<>();
    private final List<Ack> acks = new CopyOnWriteArrayList<>();
    private final List<Integer> bound = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Integer> unbound = new ConcurrentLinkedQueue<>();
    private final AtomicInteger nextClient = new AtomicInteger();
    private final AtomicLong nextNewClientAt = new AtomicLong();
    private final AtomicLong unanswered = new AtomicLong();
    private final AtomicLong lateOffers = new AtomicLong();
    private volatile boolean running = true;

    /**
     * Starts {@code lanes} lanes sending as relay {@code relayAddress} to {@code serverAddress}
     * at {@code port} (the node's port, where it also sends its replies to the relay).
     */
    RelayStream4(String node, int tag, String relayAddress, String serverAddress, int port, int lanes, int maxClients,
                 Duration newClientEvery) throws IOException {
        this.node = node;
        this.tag = tag;
        this.socket = new DatagramSocket(null);
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getByName(relayAddress), port));
        this.server = new InetSocketAddress(InetAddress.getByName(serverAddress), port);
        this.giaddr = Ipv4.parse(relayAddress);
        this.maxClients = maxClients;
        this.newClientNanos = newClientEvery.toNanos();
        this.receiver = new Thread(this::receive, "relay-" + node + "-receive");
        receiver.setDaemon(true);
        receiver.start();
        for (int i = 0; i < lanes; i++) {
            Thread lane = new Thread(this::lane, "relay-" + node + "-lane-" + i);
            lane.setDaemon(true);
            this.lanes.add(lane);
            lane.start();
        }
    }

    byte[] mac(int client) {
        return new byte[] {0x02, 0x00, 0x5e, (byte) tag, (byte) (client >> 8), (byte) client};
    }

    /** Every ACK so far, in the order they arrived. */
    List<Ack> acks() {
        return List.copyOf(acks);
    }

    /** Exchanges given up for want of an answer. */
    long unanswered() {
        return unanswered.get();
    }

    private void lane() {
        while (running) {
            Integer client = pick();
            try {
                if (!dora(client)) {
                    tryAgainLater(client);
                }
                Thread.sleep(PAUSE_MILLIS);
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                if (!running) {
                    return;
                }
                tryAgainLater(client);
            }
        }
    }

    /** A new client not bound yet goes back in line; a bound one is picked again anyway. */
    private void tryAgainLater(Integer client) {
        if (client != null && !bound.contains(client) && !unbound.contains(client)) {
            unbound.add(client);
        }
    }

    /** A new client when one is due (or none is bound yet), else a bound one; null when neither. */
    private Integer pick() {
        long now = System.nanoTime();
        long due = nextNewClientAt.get();
        boolean newDue = (now >= due && nextNewClientAt.compareAndSet(due, now + newClientNanos)) || bound.isEmpty();
        if (newDue) {
            Integer again = unbound.poll();
            if (again != null) {
                return again;
            }
            int fresh = nextClient.getAndIncrement();
            if (fresh < maxClients) {
                return fresh;
            }
        }
        return bound.isEmpty() ? unbound.poll() : bound.get(ThreadLocalRandom.current().nextInt(bound.size()));
    }

    /** One DORA; true when it was ACKed. */
    private boolean dora(Integer client) throws IOException, InterruptedException {
        if (client == null) {
            Thread.sleep(ANSWER_MILLIS);
            return false;
        }
        byte[] mac = mac(client);
        Message4 offer = exchange(Relay4Client.message(MessageType4.DISCOVER, mac));
        if (offer == null || offer.messageType() != MessageType4.OFFER) {
            return false;
        }
        Message4 ack = exchange(Relay4Client.message(MessageType4.REQUEST, mac)
                .option(OptionCode4.REQUESTED_ADDRESS, Ipv4.toBytes(offer.yiaddr()))
                .option(OptionCode4.SERVER_ID, offer.options().get(OptionCode4.SERVER_ID)));
        if (ack == null || ack.messageType() != MessageType4.ACK) {
            return false;
        }
        if (!bound.contains(client)) {
            bound.add(client);
        }
        return true;
    }

    /** Sends {@code m} and waits for the answer with its xid; null when none came in time. */
    private Message4 exchange(Message4.Builder m) throws IOException, InterruptedException {
        Message4 request = m.giaddr(giaddr).build();
        CompletableFuture<Message4> answer = new CompletableFuture<>();
        waiting.put(request.xid(), answer);
        try {
            byte[] bytes = request.encode();
            socket.send(new DatagramPacket(bytes, bytes.length, server));
            return answer.get(ANSWER_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            unanswered.incrementAndGet();
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        } finally {
            waiting.remove(request.xid());
        }
    }

    private void receive() {
        byte[] buffer = new byte[2048];
        while (!socket.isClosed()) {
            try {
                DatagramPacket p = new DatagramPacket(buffer, buffer.length);
                socket.receive(p);
                Message4 reply = Message4.decode(buffer, 0, p.getLength());
                if (reply.messageType() == MessageType4.ACK) {
                    acks.add(new Ack(Octets.of(reply.chaddr()), reply.yiaddr(), node, System.nanoTime()));
                }
                CompletableFuture<Message4> lane = waiting.get(reply.xid());
                if (lane != null) {
                    lane.complete(reply);
                } else if (reply.messageType() == MessageType4.OFFER) {
                    requestLateOffer(reply);
                }
            } catch (SocketException closed) {
                return;
            } catch (Exception e) {
                // A reply this relay cannot read counts as lost; its lane tries again.
            }
        }
    }

    /**
     * Takes up an offer that came after its lane gave up, as a client still selecting does (it
     * retransmits its DISCOVER with the same xid and takes whichever offer comes): the REQUEST
     * goes out and an ACK, if one comes, is recorded like any other.
     */
    private void requestLateOffer(Message4 offer) throws IOException {
        lateOffers.incrementAndGet();
        Message4 request = Relay4Client.message(MessageType4.REQUEST, offer.chaddr())
                .option(OptionCode4.REQUESTED_ADDRESS, Ipv4.toBytes(offer.yiaddr()))
                .option(OptionCode4.SERVER_ID, offer.options().get(OptionCode4.SERVER_ID))
                .giaddr(giaddr).build();
        byte[] bytes = request.encode();
        socket.send(new DatagramPacket(bytes, bytes.length, server));
    }

    /** Offers taken up after their lane had given up. */
    long lateOffers() {
        return lateOffers.get();
    }

    /** Stops the lanes and waits for them; the ACKs stay readable. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread lane : lanes) {
            lane.join(3 * ANSWER_MILLIS);
        }
        socket.close();
        receiver.join(1000);
    }
}
