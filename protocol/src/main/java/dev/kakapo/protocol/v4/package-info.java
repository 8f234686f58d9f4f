/**
 * DHCPv4 messages on the wire (RFC 2131, RFC 2132, RFC 3396, RFC 3046).
 *
 * <p>{@link dev.kakapo.protocol.v4.Message4} is the decoded message: the BOOTP header plus
 * {@link dev.kakapo.protocol.v4.Options4}, one joined payload per option code. Decoding follows
 * option 52 into the {@code file} and {@code sname} fields and raises
 * {@link dev.kakapo.protocol.MalformedPacketException} naming the byte at fault; encoding writes
 * option 53 first and option 82 last, splits long options and overloads when a size limit asks for
 * it. {@link dev.kakapo.protocol.v4.RelayAgentInfo} reads and writes the option 82 sub-options.
 * What an option's payload means is the business of {@code dev.kakapo.protocol.option}.
 */
package dev.kakapo.protocol.v4;

import dev.kakapo.protocol.MalformedPacketException;
