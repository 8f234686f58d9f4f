package dev.kakapo.server.net;

import io.netty.util.AttributeKey;

/**
 * The link a channel serves: interface name, its IPv4 address (our server identifier there) and
 * that network's broadcast address. Carried as a channel attribute so shared handlers know where
 * a packet came from.
 */
record Link(String interfaceName, int address, int broadcast) {
    static final AttributeKey<Link> KEY = AttributeKey.valueOf("kakapo.link");
}
