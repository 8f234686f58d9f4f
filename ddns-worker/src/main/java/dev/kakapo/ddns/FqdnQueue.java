package dev.kakapo.ddns;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.xbill.DNS.Name;

/**
 * Runs the changes of one FQDN one at a time, in the order they were submitted; changes of
 * different names run side by side. Without it an add and the remove that follows it could
 * reach DNS in the wrong order.
 */
final class FqdnQueue {
    /** Per name, the completion of the last change submitted; a name is absent when idle. */
    private final ConcurrentMap<Name, CompletableFuture<Void>> lastOfName = new ConcurrentHashMap<>();
    private final Executor executor;

    FqdnQueue(Executor executor) {
        this.executor = executor;
    }

    /** Starts {@code change} once every change submitted before it for {@code fqdn} has finished. */
    <T> CompletableFuture<T> submit(Name fqdn, Supplier<CompletableFuture<T>> change) {
        CompletableFuture<T> result = new CompletableFuture<>();
        CompletableFuture<Void> finished = result.handle((r, e) -> null);
        // Name.equals and hashCode ignore case, so "Host.example.com." queues behind "host.example.com."
        CompletableFuture<Void> previous = lastOfName.put(fqdn, finished);
        CompletableFuture<Void> turn = previous == null ? CompletableFuture.completedFuture(null) : previous;
        turn.thenRunAsync(() -> start(change, result), executor);
        finished.thenRun(() -> lastOfName.remove(fqdn, finished));
        return result;
    }

    private static <T> void start(Supplier<CompletableFuture<T>> change, CompletableFuture<T> result) {
        try {
            change.get().whenComplete((r, e) -> {
                if (e != null) {
                    result.completeExceptionally(e);
                } else {
                    result.complete(r);
                }
            });
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
    }

    /** How many names have a change queued or running (for tests and logs). */
    int busyNames() {
        return lastOfName.size();
    }
}
