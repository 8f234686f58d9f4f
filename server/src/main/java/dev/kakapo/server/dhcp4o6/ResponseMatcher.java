package dev.kakapo.server.dhcp4o6;

import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.protocol.v6.Message6;
import dev.kakapo.server.metrics.PacketCounters;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The DHCPv6 end's queries waiting for the DHCPv4 server's response. A response names its query
 * by what the channel carries back: the query's source address, arrival interface and flags
 * field; queries alike in all three are answered in the order they were sent. A query the DHCPv4
 * server does not answer (a RELEASE, or one it drops) is given up after {@link #WAIT_SECONDS}.
 */
@ChannelHandler.Sharable
final class ResponseMatcher extends SimpleChannelInboundHandler<Dhcp4o6Packet> {
    /** Longer than any DHCPv4 answer takes, shorter than a client's patience. */
    static final long WAIT_SECONDS = 10;
    /** Queries waiting at most: beyond it new ones are dropped rather than memory spent. */
    static final int MAX_WAITING = 65536;

    private record Key(Ipv6Address source, String interfaceName, int flags) {
        static Key of(Dhcp4o6Packet p) {
            return new Key(p.sourceAddress(), p.interfaceName(), p.packet().message().transactionId());
        }
    }

    private final ConcurrentHashMap<Key, Deque<CompletableFuture<Optional<Message6>>>> waiting = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();
    private final PacketCounters counters;

    ResponseMatcher(PacketCounters counters) {
        super(Dhcp4o6Packet.class);
        this.counters = counters;
    }

    /** A future for the response to {@code query}, completed empty when none comes in time; null when too many wait. */
    CompletableFuture<Optional<Message6>> expect(Dhcp4o6Packet query) {
        if (count.incrementAndGet() > MAX_WAITING) {
            count.decrementAndGet();
            return null;
        }
        Key key = Key.of(query);
        CompletableFuture<Optional<Message6>> response = new CompletableFuture<>();
        waiting.compute(key, (k, queue) -> {
            Deque<CompletableFuture<Optional<Message6>>> q = queue == null ? new ArrayDeque<>() : queue;
            q.addLast(response);
            return q;
        });
        response.completeOnTimeout(Optional.empty(), WAIT_SECONDS, TimeUnit.SECONDS)
                .whenComplete((r, failure) -> forget(key, response));
        return response;
    }

    private void forget(Key key, CompletableFuture<Optional<Message6>> response) {
        waiting.computeIfPresent(key, (k, queue) -> {
            if (queue.remove(response)) {
                count.decrementAndGet();
            }
            return queue.isEmpty() ? null : queue;
        });
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Dhcp4o6Packet response) {
        Key key = Key.of(response);
        CompletableFuture<Optional<Message6>>[] first = oneOf();
        waiting.computeIfPresent(key, (k, queue) -> {
            first[0] = queue.pollFirst();
            if (first[0] != null) {
                count.decrementAndGet();
            }
            return queue.isEmpty() ? null : queue;
        });
        if (first[0] == null) {
            counters.drop("pkt6-receive-drop", "dhcp4o6-response-unmatched", "DHCPv4-over-DHCPv6 response for "
                    + key + " arrived after its query was given up");
            return;
        }
        first[0].complete(Optional.of(response.packet().message()));
    }

    @SuppressWarnings("unchecked")
    private static CompletableFuture<Optional<Message6>>[] oneOf() {
        return new CompletableFuture[1];
    }
}
