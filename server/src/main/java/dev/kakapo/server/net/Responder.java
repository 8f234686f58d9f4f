package dev.kakapo.server.net;

import dev.kakapo.server.metrics.PacketCounters;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Hands each decoded message to its processor and writes the reply, when there is one, back
 * through the channel it arrived on (so a broadcast or link-local reply leaves by the same
 * link). The processor's future completes on whatever thread made the lease durable; Netty moves
 * the write to the event loop.
 *
 * @param <I> the decoded message type ({@code Inbound4} or {@code Inbound6})
 */
@ChannelHandler.Sharable
final class Responder<I> extends SimpleChannelInboundHandler<I> {
    private final Function<I, CompletableFuture<? extends Optional<?>>> processor;
    private final PacketCounters counters;
    private final String dropCounter;
    /** Messages handed to the processor whose reply (or silence) is not decided yet. */
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Object idle = new Object();

    /**
     * @param dropCounter where a handler failure is counted ({@code pkt4-receive-drop} / {@code pkt6-receive-drop})
     */
    Responder(Class<I> type, Function<I, CompletableFuture<? extends Optional<?>>> processor, PacketCounters counters,
              String dropCounter) {
        super(type);
        this.processor = processor;
        this.counters = counters;
        this.dropCounter = dropCounter;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, I in) {
        Channel channel = ctx.channel();
        inFlight.incrementAndGet();
        CompletableFuture<? extends Optional<?>> answer;
        try {
            answer = processor.apply(in);
        } catch (RuntimeException e) {
            finished();
            throw e;
        }
        answer.whenComplete((reply, failure) -> {
            try {
                if (failure == null && reply.isPresent() && channel.isOpen()) {
                    channel.writeAndFlush(reply.get(), channel.voidPromise());
                }
            } finally {
                finished();
            }
        });
    }

    private void finished() {
        if (inFlight.decrementAndGet() == 0) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    /** How many messages are being processed now. */
    int inFlight() {
        return inFlight.get();
    }

    /**
     * Waits until no message is being processed, at most {@code timeout}; whether that happened.
     * Reading must have stopped first, or new messages keep it busy.
     */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (inFlight.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(idle, left);
            }
        }
        return true;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        counters.drop(dropCounter, "handler-error", String.valueOf(cause));
    }
}
