package dev.kakapo.server;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The configuration a server answers packets with, replaceable while packets flow. A packet is
 * answered wholly by the generation it started with; a replaced generation is retired (its own
 * resources closed) once its last packet is answered, or after {@link #RETIRE_WAIT_MILLIS}.
 *
 * @param <G> what one configuration builds: its config, processor and the resources they use
 */
public final class LiveConfig<G> {
    /** The longest a replaced configuration waits for its packets before it is closed anyway. */
    static final long RETIRE_WAIT_MILLIS = 30_000;
    private static final Logger LOG = System.getLogger("dev.kakapo.server");

    private final AtomicReference<Generation<G>> current;
    /** The retirement of the last replaced generation; each waits for the one before (they may share resources). */
    private CompletableFuture<Void> retiring = CompletableFuture.completedFuture(null);

    public LiveConfig(G first) {
        this.current = new AtomicReference<>(new Generation<>(first));
    }

    /** The configuration new packets are answered with. */
    public G current() {
        return current.get().value;
    }

    /** Answers one packet with the current generation, which stays open until the answer is complete. */
    public <R> CompletableFuture<R> answer(Function<G, CompletableFuture<R>> packet) {
        Generation<G> g = enter();
        CompletableFuture<R> answered;
        try {
            answered = packet.apply(g.value);
        } catch (RuntimeException e) {
            g.inFlight.decrementAndGet();
            throw e;
        }
        return answered.whenComplete((r, failure) -> g.inFlight.decrementAndGet());
    }

    /**
     * Counts the packet in before using a generation; when a swap raced past, the count is taken
     * back and the newer one used, so a retiring generation that counted zero stays unused.
     */
    private Generation<G> enter() {
        while (true) {
            Generation<G> g = current.get();
            g.inFlight.incrementAndGet();
            if (current.get() == g) {
                return g;
            }
            g.inFlight.decrementAndGet();
        }
    }

    /**
     * Makes {@code next} the configuration of every packet from now on; {@code retire} closes
     * what the replaced one held and {@code next} does not, once its packets are answered.
     */
    public synchronized void swap(G next, Consumer<G> retire) {
        Generation<G> old = current.getAndSet(new Generation<>(next));
        CompletableFuture<Void> before = retiring;
        CompletableFuture<Void> retired = new CompletableFuture<>();
        retiring = retired;
        Thread t = new Thread(() -> {
            // an older generation may still use what this one shares with it: it retires first
            before.join();
            long deadline = System.currentTimeMillis() + RETIRE_WAIT_MILLIS;
            while (old.inFlight.get() > 0 && System.currentTimeMillis() < deadline) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (old.inFlight.get() > 0) {
                LOG.log(Level.WARNING, "event=config-retired-busy in-flight={0}", old.inFlight.get());
            }
            try {
                retire.accept(old.value);
            } finally {
                retired.complete(null);
            }
        }, "kakapo-config-retire");
        t.setDaemon(true);
        t.start();
    }

    private static final class Generation<G> {
        final G value;
        final AtomicInteger inFlight = new AtomicInteger();

        Generation(G value) {
            this.value = value;
        }
    }
}
