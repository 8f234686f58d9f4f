package dev.kakapo.server.dhcp4;

import dev.kakapo.protocol.v4.Message4;

/** A reply and where RFC 2131 §4.1 says it goes. */
public record Reply4(Message4 message, int destinationAddress, int destinationPort) {

    public static final int BROADCAST = 0xffffffff;

    public boolean broadcast() {
        return destinationAddress == BROADCAST;
    }
}
