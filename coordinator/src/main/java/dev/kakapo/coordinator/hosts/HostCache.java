package dev.kakapo.coordinator.hosts;

import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.coordinator.lease.Octets;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A host source that remembers answers of another for a while, so a client's every packet does
 * not cost a database round trip. "No reservation" answers are remembered too (most clients have
 * none). At most {@code maxEntries} answers are kept, the least recently used dropped first; each
 * is used for {@code lifetime} after it was fetched, so changes other writers make to the database
 * show within that time. Writes through the cache go to the source and empty the cache, so
 * Kakapo's own changes show at once.
 */
public final class HostCache implements HostSource {

    /** One lookup and its arguments; identifiers and addresses compare by value. */
    private record Query(String lookup, int subnetId, Object first, Object second) {
    }

    private record Answer(Object value, long fetchedNanos) {
    }

    private final HostSource source;
    private final int maxEntries;
    private final long lifetimeNanos;
    private final LongSupplier nanoClock;
    private final Map<Query, Answer> answers;
    /** Counts writes begun and ended; an answer fetched across a change of it is not kept. */
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    public HostCache(HostSource source, int maxEntries, Duration lifetime) {
        this(source, maxEntries, lifetime, System::nanoTime);
    }

    /** @param nanoClock the time in nanoseconds, as {@link System#nanoTime()} */
    public HostCache(HostSource source, int maxEntries, Duration lifetime, LongSupplier nanoClock) {
        this.source = Objects.requireNonNull(source, "source");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries " + maxEntries + " is below 1");
        }
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("lifetime " + lifetime + " is not positive");
        }
        this.maxEntries = maxEntries;
        this.lifetimeNanos = lifetime.toNanos();
        this.answers = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Query, Answer> eldest) {
                return size() > HostCache.this.maxEntries;
            }
        };
    }

    @Override
    public CompletableFuture<Optional<Host>> get4(int subnetId, HostIdentifierType type, Octets identifier) {
        return cached(new Query("get4", subnetId, type, identifier), () -> source.get4(subnetId, type, identifier));
    }

    @Override
    public CompletableFuture<Optional<Host>> get6(int subnetId, HostIdentifierType type, Octets identifier) {
        return cached(new Query("get6", subnetId, type, identifier), () -> source.get6(subnetId, type, identifier));
    }

    @Override
    public CompletableFuture<Optional<Host>> get4ByAddress(int subnetId, int address) {
        return cached(new Query("get4ByAddress", subnetId, address, null), () -> source.get4ByAddress(subnetId, address));
    }

    @Override
    public CompletableFuture<Optional<Host>> get6ByAddress(int subnetId, Ipv6Address address, int prefixLength) {
        return cached(new Query("get6ByAddress", subnetId, address, prefixLength),
                () -> source.get6ByAddress(subnetId, address, prefixLength));
    }

    @Override
    public CompletableFuture<List<Host>> all4(int subnetId) {
        return cached(new Query("all4", subnetId, null, null), () -> source.all4(subnetId));
    }

    @Override
    public CompletableFuture<List<Host>> all6(int subnetId) {
        return cached(new Query("all6", subnetId, null, null), () -> source.all6(subnetId));
    }

    @Override
    public CompletableFuture<Void> add(Host host) {
        return written(() -> source.add(host));
    }

    @Override
    public CompletableFuture<Boolean> delete4(int subnetId, int address) {
        return written(() -> source.delete4(subnetId, address));
    }

    @Override
    public CompletableFuture<Boolean> delete4(int subnetId, HostIdentifierType type, Octets identifier) {
        return written(() -> source.delete4(subnetId, type, identifier));
    }

    @Override
    public CompletableFuture<Boolean> delete6(int subnetId, HostIdentifierType type, Octets identifier) {
        return written(() -> source.delete6(subnetId, type, identifier));
    }

    @Override
    public boolean isReadOnly() {
        return source.isReadOnly();
    }

    /** Forgets every answer, e.g. after the reservations were changed by other means. */
    public void clear() {
        synchronized (answers) {
            answers.clear();
        }
    }

    /** Answers kept now, expired ones included until they are asked for again or pushed out. */
    public int size() {
        synchronized (answers) {
            return answers.size();
        }
    }

    /** Lookups answered from the cache since it was made. */
    public long hits() {
        return hits.get();
    }

    /** Lookups passed to the source since the cache was made. */
    public long misses() {
        return misses.get();
    }

    /** Closes the source. */
    @Override
    public void close() {
        clear();
        source.close();
    }

    @SuppressWarnings("unchecked")
    private <T> CompletableFuture<T> cached(Query query, Supplier<CompletableFuture<T>> fetch) {
        long now = nanoClock.getAsLong();
        synchronized (answers) {
            Answer answer = answers.get(query);
            if (answer != null) {
                if (now - answer.fetchedNanos() < lifetimeNanos) {
                    hits.incrementAndGet();
                    return CompletableFuture.completedFuture((T) answer.value());
                }
                answers.remove(query);
            }
        }
        misses.incrementAndGet();
        long writesBefore = writes.get();
        return fetch.get().thenApply(value -> {
            synchronized (answers) {
                // A write begun or ended meanwhile may have changed what the source would answer now.
                if (writes.get() == writesBefore) {
                    answers.put(query, new Answer(value, now));
                }
            }
            return value;
        });
    }

    /**
     * A write through the cache: answers are dropped when it starts and again when it ends, so no
     * answer fetched before the write committed outlives it.
     */
    private <T> CompletableFuture<T> written(Supplier<CompletableFuture<T>> write) {
        synchronized (answers) {
            writes.incrementAndGet();
            answers.clear();
        }
        return write.get().whenComplete((value, failure) -> {
            synchronized (answers) {
                writes.incrementAndGet();
                answers.clear();
            }
        });
    }
}
