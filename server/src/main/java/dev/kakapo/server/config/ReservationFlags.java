package dev.kakapo.server.config;

/**
 * Where a subnet's clients' reservations are looked for, as today's Kea says it with
 * {@code reservations-global}, {@code reservations-in-subnet} and {@code reservations-out-of-pool}
 * (Kea 1.1's {@code reservation-mode} maps onto them: {@code all}, {@code out-of-pool},
 * {@code disabled}/{@code off}, and Kea 1.5's {@code global}).
 *
 * @param global    the global reservations apply
 * @param inSubnet  the subnet's own reservations (in the config and in host databases) apply
 * @param outOfPool reserved addresses are all outside the pools, so the pools need no fencing
 */
public record ReservationFlags(boolean global, boolean inSubnet, boolean outOfPool) {

    /** Kea's defaults: the subnet's reservations, anywhere in the subnet. */
    public static final ReservationFlags DEFAULT = new ReservationFlags(false, true, false);

    /** Kea's {@code reservation-mode} value, or null when it names no mode. */
    public static ReservationFlags ofMode(String mode) {
        return switch (mode) {
            case "all" -> DEFAULT;
            case "out-of-pool" -> new ReservationFlags(false, true, true);
            case "disabled", "off" -> new ReservationFlags(false, false, false);
            case "global" -> new ReservationFlags(true, false, false);
            default -> null;
        };
    }

    /** Whether any reservation applies at all. */
    public boolean any() {
        return global || inSubnet;
    }

    /** Whether addresses reserved inside the pools must be kept from other clients. */
    public boolean fencePools() {
        return any() && !outOfPool;
    }
}
