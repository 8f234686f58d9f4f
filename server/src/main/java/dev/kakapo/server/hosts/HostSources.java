package dev.kakapo.server.hosts;

import dev.kakapo.coordinator.hosts.HostCache;
import dev.kakapo.coordinator.hosts.HostSource;
import dev.kakapo.coordinator.hosts.SqlHostStore;
import dev.kakapo.server.config.HostDatabase;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A server's host databases, each behind its own cache, in the order the configuration lists
 * them; and the rule for asking several places in turn: all are asked at once, the first answer in
 * order wins, and a database that fails counts as having no reservation (the client is served as
 * if unknown rather than not at all), logged at most once a minute.
 */
public final class HostSources implements AutoCloseable {
    private static final Logger LOG = System.getLogger("dev.kakapo.server.hosts");
    private static final long LOG_EVERY_NANOS = 60_000_000_000L;
    public static final HostSources NONE = new HostSources(List.of(), List.of());

    private final List<HostSource> sources;
    private final List<String> names;
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

    /** @param names how logs name each source */
    public HostSources(List<HostSource> sources, List<String> names) {
        this.sources = List.copyOf(sources);
        this.names = List.copyOf(names);
    }

    /** Connects to every database (checking its schema, or for a read-only one its tables) and puts a cache in front. */
    public static HostSources open(List<HostDatabase> databases) throws IOException {
        List<HostSource> opened = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try {
            for (HostDatabase db : databases) {
                SqlHostStore store = SqlHostStore.open(db.sql(), db.readOnly());
                opened.add(new HostCache(store, db.cacheSize(), db.cacheLifetime()));
                names.add(db.describe());
                LOG.log(Level.INFO, "event=hosts-database-open database={0} cache-size={1} cache-lifetime={2}s",
                        db.describe(), db.cacheSize(), db.cacheLifetime().toSeconds());
            }
        } catch (IOException | RuntimeException e) {
            opened.forEach(HostSource::close);
            throw e;
        }
        return new HostSources(opened, names);
    }

    public boolean isEmpty() {
        return sources.isEmpty();
    }

    public List<HostSource> all() {
        return sources;
    }

    /** Lookups that failed (database unreachable, query refused) since start. */
    public long failures() {
        return failures.get();
    }

    /** {@code lookup} asked of every source; the futures in source order, a failure turned into "none". */
    public <T> List<CompletableFuture<Optional<T>>> ask(Function<HostSource, CompletableFuture<Optional<T>>> lookup) {
        List<CompletableFuture<Optional<T>>> answers = new ArrayList<>(sources.size());
        for (int i = 0; i < sources.size(); i++) {
            String name = names.get(i);
            answers.add(lookup.apply(sources.get(i)).exceptionally(failure -> {
                failed(name, failure);
                return Optional.empty();
            }));
        }
        return answers;
    }

    /** The first present answer in list order, once all have come; empty when none has one. */
    public static <T> CompletableFuture<Optional<T>> first(List<CompletableFuture<Optional<T>>> answers) {
        if (answers.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenApply(done -> {
            for (CompletableFuture<Optional<T>> answer : answers) {
                Optional<T> value = answer.join();
                if (value.isPresent()) {
                    return value;
                }
            }
            return Optional.empty();
        });
    }

    private void failed(String source, Throwable failure) {
        failures.incrementAndGet();
        long now = System.nanoTime();
        long last = lastLogged.get();
        if (now - last >= LOG_EVERY_NANOS && lastLogged.compareAndSet(last, now)) {
            Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
            LOG.log(Level.WARNING, "event=host-lookup-failed database={0} failures={1} reason=\"{2}\""
                    + " (clients are served without reservations from it meanwhile)", source, failures.get(), cause.toString());
        }
    }

    @Override
    public void close() {
        sources.forEach(HostSource::close);
    }
}
