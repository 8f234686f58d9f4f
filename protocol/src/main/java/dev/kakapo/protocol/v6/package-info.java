/**
 * DHCPv6 messages on the wire (RFC 8415, RFC 7341 for DHCPv4-over-DHCPv6).
 *
 * <p>{@link dev.kakapo.protocol.v6.Packet6} is what arrives on port 547: the relay headers
 * ({@link dev.kakapo.protocol.v6.RelayMessage6}, outermost first) around the client's
 * {@link dev.kakapo.protocol.v6.Message6}; it also wraps the server's reply back into RELAY-REPL
 * messages. {@link dev.kakapo.protocol.v6.Options6} keeps options in wire order with repeats (one
 * IA_NA per identity association). The records {@link dev.kakapo.protocol.v6.IdentityAssociation} (IA_NA and IA_PD),
 * {@link dev.kakapo.protocol.v6.IaAddress},
 * {@link dev.kakapo.protocol.v6.IaPrefix}, {@link dev.kakapo.protocol.v6.StatusCode} and
 * {@link dev.kakapo.protocol.v6.Duid} read and write the payloads the server looks inside. Decoding
 * raises only {@link dev.kakapo.protocol.MalformedPacketException}, naming the byte at fault; what
 * other options mean is the business of {@code dev.kakapo.protocol.option}.
 */
package dev.kakapo.protocol.v6;
