package dev.kakapo.ddns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

class FqdnQueueTest {
    /** Runs each task at once on the caller's thread, so what has started is known exactly. */
    private final FqdnQueue queue = new FqdnQueue(Runnable::run);
    private final List<String> started = new CopyOnWriteArrayList<>();

    private CompletableFuture<String> submit(String fqdn, String label, CompletableFuture<String> finish) {
        return queue.submit(Name.fromConstantString(fqdn), () -> {
            started.add(label);
            return finish;
        });
    }

    @Test
    void changesOfOneNameRunOneAtATimeInOrder() throws Exception {
        CompletableFuture<String> first = new CompletableFuture<>();
        CompletableFuture<String> second = new CompletableFuture<>();
        CompletableFuture<String> third = new CompletableFuture<>();
        CompletableFuture<String> r1 = submit("host.example.com.", "add", first);
        CompletableFuture<String> r2 = submit("HOST.example.com.", "remove", second);
        CompletableFuture<String> r3 = submit("host.example.com.", "add again", third);
        assertEquals(List.of("add"), started);

        first.complete("one");
        assertEquals("one", r1.get());
        assertEquals(List.of("add", "remove"), started);

        second.completeExceptionally(new IllegalStateException("failed change"));
        assertTrue(r2.isCompletedExceptionally());
        assertEquals(List.of("add", "remove", "add again"), started, "a failed change does not stall the name");

        third.complete("three");
        assertEquals("three", r3.get());
        assertEquals(0, queue.busyNames());
    }

    @Test
    void differentNamesDoNotWaitForEachOther() {
        CompletableFuture<String> slow = new CompletableFuture<>();
        submit("a.example.com.", "a", slow);
        CompletableFuture<String> b = submit("b.example.com.", "b", CompletableFuture.completedFuture("b"));
        assertEquals(List.of("a", "b"), started);
        assertTrue(b.isDone());
        assertEquals(1, queue.busyNames());
        assertFalse(slow.isDone());
    }

    @Test
    void aChangeThatThrowsFailsItsResultOnly() throws Exception {
        CompletableFuture<String> broken = queue.submit(Name.fromConstantString("c.example.com."), () -> {
            throw new IllegalArgumentException("bad");
        });
        assertTrue(broken.isCompletedExceptionally());
        assertEquals("ok", submit("c.example.com.", "next", CompletableFuture.completedFuture("ok")).get());
    }
}
