package dev.kakapo.server.config;

import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.coordinator.lease.Ipv6Address;
import java.nio.file.Path;

/** What differs between the DHCPv4 and the DHCPv6 sections when the same kind of value is read. */
enum DhcpFamily {
    DHCP4("Dhcp4", "DHCPv4", "dhcp4", 255, "kea-dhcp4", "192.0.2.1",
            Path.of("/var/lib/kakapo/kakapo-leases4.csv")),
    DHCP6("Dhcp6", "DHCPv6", "dhcp6", 65535, "kea-dhcp6", "2001:db8::1",
            Path.of("/var/lib/kakapo/kakapo-leases6.csv"));

    /** Logger names of every Kea daemon: in a shared {@code Logging} section only our own concern us. */
    private static final String[] DAEMON_LOGGERS = {"kea-dhcp4", "kea-dhcp6", "kea-dhcp-ddns", "kea-ctrl-agent", "kea-netconf"};

    private final String section;
    private final String protocolName;
    private final String optionSpace;
    private final int maxOptionCode;
    private final String daemonLogger;
    private final String exampleAddress;
    private final Path defaultLeaseFile;

    DhcpFamily(String section, String protocolName, String optionSpace, int maxOptionCode, String daemonLogger,
               String exampleAddress, Path defaultLeaseFile) {
        this.section = section;
        this.protocolName = protocolName;
        this.optionSpace = optionSpace;
        this.maxOptionCode = maxOptionCode;
        this.daemonLogger = daemonLogger;
        this.exampleAddress = exampleAddress;
        this.defaultLeaseFile = defaultLeaseFile;
    }

    /** The top-level key: {@code Dhcp4} or {@code Dhcp6}. */
    String section() {
        return section;
    }

    /** For messages: {@code DHCPv4} or {@code DHCPv6}. */
    String protocolName() {
        return protocolName;
    }

    /** The standard option space, also the default {@code space} of option-def and option-data. */
    String optionSpace() {
        return optionSpace;
    }

    /** Option codes are one byte in DHCPv4 and two in DHCPv6. */
    int maxOptionCode() {
        return maxOptionCode;
    }

    /** An address of this family for examples in messages. */
    String exampleAddress() {
        return exampleAddress;
    }

    /** The lease file when {@code lease-database} names none. */
    Path defaultLeaseFile() {
        return defaultLeaseFile;
    }

    /** Whether a logger of this name belongs to another Kea daemon (then its settings are not ours). */
    boolean isOtherDaemonsLogger(String name) {
        for (String daemon : DAEMON_LOGGERS) {
            if (!daemon.equals(daemonLogger) && name.startsWith(daemon)) {
                return true;
            }
        }
        return false;
    }

    /** Checks {@code text} is an address of this family; IllegalArgumentException naming it otherwise. */
    void checkAddress(String text) {
        if (this == DHCP4) {
            Ipv4.parse(text);
        } else {
            Ipv6Address.parse(text);
        }
    }
}
