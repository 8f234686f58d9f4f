package dev.kakapo.server;

/** Where a family listens and answers: the server port (67 / 547) and the port clients listen on (68 / 546). */
public record Ports(int server, int client) {
    public static final Ports DHCP4 = new Ports(67, 68);
    public static final Ports DHCP6 = new Ports(547, 546);
}
