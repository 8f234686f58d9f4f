package dev.kakapo.server.e2e;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The host programs the end-to-end tests drive, by absolute path: iproute2's {@code ip}, ISC
 * {@code dhclient}, busybox {@code udhcpc}, coreutils' {@code timeout} and Kea's load generator
 * {@code perfdhcp}. The sbin folders are searched too, since a non-login root shell may not have
 * them on its PATH.
 */
record HostPrograms(Path ip, Path dhclient, Path udhcpc, Path timeout, Path perfdhcp) {
    /** Program name and the Debian package that brings it. */
    private static final Map<String, String> PACKAGES = new LinkedHashMap<>();

    static {
        PACKAGES.put("ip", "iproute2");
        PACKAGES.put("dhclient", "isc-dhcp-client");
        PACKAGES.put("udhcpc", "udhcpc");
        PACKAGES.put("timeout", "coreutils");
        PACKAGES.put("perfdhcp", "kea-admin");
    }

    /** The programs that cannot be found, each as "name (Debian package)"; empty when all are there. */
    static List<String> missing() {
        List<String> missing = new ArrayList<>();
        PACKAGES.forEach((name, pkg) -> {
            if (find(name).isEmpty()) {
                missing.add(name + " (" + pkg + ")");
            }
        });
        return missing;
    }

    /** All the programs; call after {@link #missing()} came back empty. */
    static HostPrograms locate() {
        return new HostPrograms(find("ip").orElseThrow(), find("dhclient").orElseThrow(),
                find("udhcpc").orElseThrow(), find("timeout").orElseThrow(), find("perfdhcp").orElseThrow());
    }

    /** Whether this JVM runs as root: network namespaces and ports 67 and 547 need it. */
    static boolean runningAsRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (Exception notLinux) {
            return false;
        }
    }

    /** The program {@code name} on the PATH or in an sbin folder. */
    static Optional<Path> find(String name) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/local/sbin", "/usr/sbin", "/sbin", "/usr/bin", "/bin"));
        return dirs.stream()
                .filter(d -> !d.isEmpty())
                .map(d -> Path.of(d, name))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
