package dev.kakapo.coordinator.memfile;

/** A lease file row that cannot be read as a lease; the message names the column at fault. */
final class BadLeaseRowException extends Exception {
    private static final long serialVersionUID = 1L;

    BadLeaseRowException(String reason) {
        super(reason);
    }
}
