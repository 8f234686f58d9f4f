package dev.kakapo.protocol.eval;

/** Which server an expression is written for; some tokens exist only in one of them. */
public enum Universe {
    DHCP4("DHCPv4"), DHCP6("DHCPv6");

    private final String label;

    Universe(String label) {
        this.label = label;
    }

    /** "DHCPv4" or "DHCPv6", as Kea's messages say it. */
    public String label() {
        return label;
    }
}
