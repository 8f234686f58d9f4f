package dev.kakapo.server.ddns;

import dev.kakapo.coordinator.lease.Lease4;
import dev.kakapo.coordinator.lease.Lease6;
import dev.kakapo.proto.ddns.NameChangeRequest;
import dev.kakapo.proto.ddns.NameChangeRequest.ChangeType;
import dev.kakapo.server.config.DdnsSettings;
import dev.kakapo.server.config.DdnsWorker;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What lease events mean for DNS, as Kea has it: a lease granted with a new name (or new update
 * directions) adds its records, after removing those of the name it had; a lease released,
 * declined or expired removes them; a renewal that changes nothing sends nothing (unless
 * {@code ddns-update-on-renew}). Requests go to the ddns-worker pool through a
 * {@link NameChangeSender}; nothing here waits.
 */
public final class DnsUpdates implements AutoCloseable {
    /** Servers that do not update DNS. */
    public static final DnsUpdates NONE = new DnsUpdates(null, false);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final NameChangeSender sender;
    private final boolean updateOnRenew;

    private DnsUpdates(NameChangeSender sender, boolean updateOnRenew) {
        this.sender = sender;
        this.updateOnRenew = updateOnRenew;
    }

    /**
     * Starts sending to the settings' workers, or {@link #NONE} when updates are off.
     *
     * @throws IOException when the TLS files of {@code Kakapo/ddns-tls} cannot be read
     */
    public static DnsUpdates start(DdnsSettings settings) throws IOException {
        if (!settings.updatesEnabled()) {
            return NONE;
        }
        List<String> endpoints = settings.workers().stream().map(DdnsWorker::toString).toList();
        return new DnsUpdates(new NameChangeSender(endpoints, (int) Math.min(Integer.MAX_VALUE, settings.maxQueueSize()),
                CALL_TIMEOUT, settings.tls()), settings.updateOnRenew());
    }

    public boolean enabled() {
        return sender != null;
    }

    /** The sender, for its counts and queue depth; null when updates are off. */
    public NameChangeSender sender() {
        return sender;
    }

    /** A DHCPv4 lease granted; {@code previous} is the client's lease on the address before, or null. */
    public void granted(Lease4 previous, Lease4 lease) {
        granted(previous == null ? null : new Named(previous.hostname(), previous.fqdnFwd(), previous.fqdnRev()),
                new Named(lease.hostname(), lease.fqdnFwd(), lease.fqdnRev()),
                () -> NameChanges.of(ChangeType.REMOVE, previous), () -> NameChanges.of(ChangeType.ADD, lease));
    }

    /** A DHCPv4 lease released, declined or reclaimed, as it was. */
    public void removed(Lease4 lease) {
        if (sender != null) {
            send(NameChanges.of(ChangeType.REMOVE, lease));
        }
    }

    /** A DHCPv6 lease granted; {@code previous} is the IA's lease on the address or prefix before, or null. */
    public void granted(Lease6 previous, Lease6 lease) {
        granted(previous == null ? null : new Named(previous.hostname(), previous.fqdnFwd(), previous.fqdnRev()),
                new Named(lease.hostname(), lease.fqdnFwd(), lease.fqdnRev()),
                () -> NameChanges.of(ChangeType.REMOVE, previous), () -> NameChanges.of(ChangeType.ADD, lease));
    }

    /** A DHCPv6 lease released, declined or reclaimed, as it was. */
    public void removed(Lease6 lease) {
        if (sender != null) {
            send(NameChanges.of(ChangeType.REMOVE, lease));
        }
    }

    /** What of a lease DNS depends on. */
    private record Named(String hostname, boolean forward, boolean reverse) {
    }

    private void granted(Named previous, Named lease, Supplier<Optional<NameChangeRequest>> removePrevious,
                         Supplier<Optional<NameChangeRequest>> add) {
        if (sender == null || previous != null && !updateOnRenew && previous.hostname().equalsIgnoreCase(lease.hostname())
                && previous.forward() == lease.forward() && previous.reverse() == lease.reverse()) {
            return;
        }
        if (previous != null && !previous.hostname().equalsIgnoreCase(lease.hostname())) {
            send(removePrevious.get());
        }
        send(add.get());
    }

    private void send(Optional<NameChangeRequest> request) {
        request.ifPresent(sender::submit);
    }

    @Override
    public void close() {
        if (sender != null) {
            sender.close();
        }
    }
}
