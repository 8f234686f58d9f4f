package dev.kakapo.coordinator.sql;

import java.util.concurrent.atomic.AtomicLong;

/** What the writers of one {@link SqlLeaseStore} have done, shared by all of them. */
final class WriteCounters {
    private final AtomicLong changesCommitted = new AtomicLong();
    private final AtomicLong rowsWritten = new AtomicLong();
    private final AtomicLong transactions = new AtomicLong();
    private final AtomicLong failedTransactions = new AtomicLong();

    void committed(int changes, long rows) {
        changesCommitted.addAndGet(changes);
        rowsWritten.addAndGet(rows);
        transactions.incrementAndGet();
    }

    void failed() {
        failedTransactions.incrementAndGet();
    }

    SqlLeaseStore.Stats snapshot() {
        return new SqlLeaseStore.Stats(changesCommitted.get(), rowsWritten.get(), transactions.get(),
                failedTransactions.get());
    }
}
