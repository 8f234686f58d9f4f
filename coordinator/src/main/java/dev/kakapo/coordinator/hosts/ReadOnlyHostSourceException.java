package dev.kakapo.coordinator.hosts;

import java.io.IOException;

/** A write to a host source opened with {@code readonly: true}; nothing was written. */
public class ReadOnlyHostSourceException extends IOException {
    private static final long serialVersionUID = 1L;

    public ReadOnlyHostSourceException(String message) {
        super(message);
    }
}
