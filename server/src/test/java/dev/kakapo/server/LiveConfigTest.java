package dev.kakapo.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LiveConfigTest {

    @Test
    void aPacketFinishesWithItsGenerationWhichRetiresOnlyAfterIt() throws Exception {
        LiveConfig<String> live = new LiveConfig<>("old");
        CompletableFuture<String> pending = new CompletableFuture<>();
        CompletableFuture<String> answered = live.answer(g -> pending.thenApply(r -> g + ":" + r));
        List<String> retired = new CopyOnWriteArrayList<>();
        CountDownLatch retiredLatch = new CountDownLatch(1);
        live.swap("new", g -> {
            retired.add(g);
            retiredLatch.countDown();
        });

        assertEquals("new", live.current());
        assertEquals("new:x", live.answer(g -> CompletableFuture.completedFuture(g + ":x")).join());
        assertTrue(retired.isEmpty(), "retired while a packet it started was being answered");

        pending.complete("reply");
        assertEquals("old:reply", answered.join());
        assertTrue(retiredLatch.await(10, TimeUnit.SECONDS));
        assertEquals(List.of("old"), retired);
    }

    @Test
    void aFailingPacketStillLetsItsGenerationRetire() throws Exception {
        LiveConfig<String> live = new LiveConfig<>("old");
        CompletableFuture<String> failed = live.answer(g -> CompletableFuture.failedFuture(new IllegalStateException(g)));
        assertTrue(failed.isCompletedExceptionally());
        CountDownLatch retired = new CountDownLatch(1);
        live.swap("new", g -> retired.countDown());
        assertTrue(retired.await(10, TimeUnit.SECONDS));
        assertFalse(live.current().equals("old"));
    }
}
