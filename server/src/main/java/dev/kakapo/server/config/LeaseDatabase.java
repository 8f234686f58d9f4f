package dev.kakapo.server.config;

import java.nio.file.Path;

/**
 * {@code lease-database}. Only {@code memfile} is served so far.
 *
 * @param file        lease file path ({@code name}); relative paths resolve against the config file's folder
 * @param persist     false keeps leases in memory only (Kea's {@code persist})
 * @param lfcInterval seconds between lease file compactions, 0 = never
 */
public record LeaseDatabase(String type, Path file, boolean persist, long lfcInterval) {
}
