package dev.kakapo.server.hooks;

import dev.kakapo.hooks.Callout;
import dev.kakapo.hooks.CalloutArguments;
import dev.kakapo.hooks.CalloutResult;
import dev.kakapo.hooks.HookLoadException;
import dev.kakapo.hooks.HookPoint;
import dev.kakapo.server.config.HookJarConfig;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * One DHCP family's hook libraries and how their callouts run: on hook threads of their own
 * (never a network thread), one after the other in {@code hooks-libraries} order, each within its
 * library's time budget. A callout that throws, runs too long, or finds the hook threads all busy
 * is contained: its changes are dropped, the failure counted per library and logged once per
 * library, point and reason, and the packet dropped or served without it as the library's
 * {@code on-failure} says.
 */
public final class Callouts implements AutoCloseable {
    private static final Logger LOG = System.getLogger("dev.kakapo.server.hooks");
    /** Callouts waiting for a hook thread; beyond this the server is overloaded and says so by failing them. */
    private static final int QUEUE = 4096;

    /** No libraries: nothing runs, and the packet path makes no hop for hooks. */
    public static final Callouts NONE = new Callouts("", List.of(), null, null);

    private final String family;
    private final List<HookJar> libraries;
    private final Set<HookPoint> present;
    private final ThreadPoolExecutor threads;
    private final ScheduledExecutorService deadlines;
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();

    private Callouts(String family, List<HookJar> libraries, ThreadPoolExecutor threads,
                     ScheduledExecutorService deadlines) {
        this.family = family;
        this.libraries = List.copyOf(libraries);
        this.threads = threads;
        this.deadlines = deadlines;
        Set<HookPoint> points = EnumSet.noneOf(HookPoint.class);
        for (HookJar jar : libraries) {
            for (HookPoint p : HookPoint.values()) {
                if (!jar.callouts(p).isEmpty()) {
                    points.add(p);
                }
            }
        }
        this.present = points;
    }

    /**
     * Loads {@code jars} in order for family {@code family} ("4" or "6"); none gives {@link #NONE}.
     * When one refuses, those loaded before it are unloaded again.
     */
    public static Callouts load(String family, List<HookJarConfig> jars) throws HookLoadException {
        if (jars.isEmpty()) {
            return NONE;
        }
        List<HookJar> loaded = new ArrayList<>();
        try {
            for (HookJarConfig jar : jars) {
                loaded.add(HookJar.load(jar));
                LOG.log(Level.INFO, "event=hook-library-loaded family={0} library={1}", family, jar.name());
            }
        } catch (HookLoadException | RuntimeException e) {
            loaded.forEach(HookJar::close);
            throw e;
        }
        int size = Math.max(2, Runtime.getRuntime().availableProcessors());
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor threads = new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE), r -> daemon(r, "kakapo-hooks" + family + "-" + n.incrementAndGet()));
        ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(
                r -> daemon(r, "kakapo-hooks" + family + "-deadlines"));
        return new Callouts(family, loaded, threads, deadlines);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Whether any library has a callout at {@code point}: the packet path asks before making arguments. */
    public boolean has(HookPoint point) {
        return present.contains(point);
    }

    /** Whether any library has a callout at any of {@code points}. */
    public boolean hasAny(HookPoint... points) {
        for (HookPoint p : points) {
            if (present.contains(p)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs the callouts at {@code point} on {@code arguments}, each on its own copy. Completes
     * with CONTINUE and {@code arguments} at once when there are none; never completes
     * exceptionally (failures are contained as described above).
     */
    public <A extends CalloutArguments> CompletableFuture<Hooked<A>> run(HookPoint point, A arguments) {
        CompletableFuture<Hooked<A>> chain = CompletableFuture.completedFuture(new Hooked<>(CalloutResult.CONTINUE, arguments));
        for (HookJar jar : libraries) {
            for (Callout<?> callout : jar.callouts(point)) {
                chain = chain.thenCompose(so -> so.dropped() ? CompletableFuture.completedFuture(so)
                        : one(jar, point, callout, so));
            }
        }
        return chain;
    }

    @SuppressWarnings("unchecked")
    private <A extends CalloutArguments> CompletableFuture<Hooked<A>> one(HookJar jar, HookPoint point, Callout<?> callout,
                                                                          Hooked<A> so) {
        A copy = (A) so.arguments().copy();
        CompletableFuture<CalloutResult> result = new CompletableFuture<>();
        Future<?> running;
        try {
            running = threads.submit(() -> {
                try {
                    CalloutResult r = ((Callout<A>) callout).call(copy);
                    result.complete(r == null ? CalloutResult.CONTINUE : r);
                } catch (Throwable t) {
                    result.completeExceptionally(t);
                }
            });
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(failed(jar, point, "overloaded", e, so));
        }
        long budget = jar.config().calloutTimeoutMillis();
        java.util.concurrent.ScheduledFuture<?> deadline = deadlines.schedule(() -> {
            if (result.completeExceptionally(new TimeoutException("callout ran over " + budget + " ms"))) {
                running.cancel(true); // interrupt it; its copy of the arguments is thrown away
            }
        }, budget, TimeUnit.MILLISECONDS);
        return result.handle((r, failure) -> {
            deadline.cancel(false);
            if (failure == null) {
                // a callout's CONTINUE keeps what an earlier one decided; SKIP and DROP are its own
                return new Hooked<>(r == CalloutResult.CONTINUE ? so.result() : r, copy);
            }
            return failed(jar, point, failure instanceof TimeoutException ? "timeout" : "threw", failure, so);
        });
    }

    /** A contained failure: counted, logged once per library, point and reason; drop or carry on unchanged. */
    private <A> Hooked<A> failed(HookJar jar, HookPoint point, String reason, Throwable failure, Hooked<A> so) {
        String name = jar.name() + "/" + point + "/" + reason;
        LongAdder count = failures.get(name);
        if (count == null) {
            LongAdder fresh = new LongAdder();
            count = failures.putIfAbsent(name, fresh);
            if (count == null) {
                count = fresh;
                LOG.log(Level.WARNING, "event=hook-callout-failed family={0} library={1} point={2} reason={3}"
                        + " then={4} error=\"{5}\" (logged once per library, point and reason)", family, jar.name(),
                        point, reason, jar.config().dropOnFailure() ? "drop" : "continue", String.valueOf(failure));
            }
        }
        count.increment();
        return jar.config().dropOnFailure() ? new Hooked<>(CalloutResult.DROP, so.arguments()) : so;
    }

    /** Contained callout failures of {@code library} (the jar's file name), all points and reasons. */
    public long failures(String library) {
        long sum = 0;
        for (Map.Entry<String, LongAdder> e : failures.entrySet()) {
            if (e.getKey().startsWith(library + "/")) {
                sum += e.getValue().sum();
            }
        }
        return sum;
    }

    /** Failures by {@code library/point/reason}, sorted. */
    public Map<String, Long> failureCounts() {
        Map<String, Long> out = new TreeMap<>();
        failures.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** The loaded libraries' names, in order. */
    public List<String> libraries() {
        return libraries.stream().map(HookJar::name).toList();
    }

    /** Stops the hook threads and unloads the libraries, last loaded first. */
    @Override
    public void close() {
        if (threads != null) {
            threads.shutdownNow();
            deadlines.shutdownNow();
        }
        for (int i = libraries.size() - 1; i >= 0; i--) {
            libraries.get(i).close();
        }
    }
}
