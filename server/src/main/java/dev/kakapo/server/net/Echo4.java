package dev.kakapo.server.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;

/**
 * The floor under any DHCPv4 server on these sockets, for benchmarks ({@code kakapo echo4}): each
 * DISCOVER or REQUEST goes straight back to its sender, its own bytes turned into the reply in
 * place — BOOTREPLY, OFFER or ACK, an address taken from the transaction id, a server identifier
 * — with no decoding, allocation or lease. What a load generator measures against it is what the
 * kernel, the sockets and Netty cost; everything a real server does comes on top.
 */
@ChannelHandler.Sharable
final class Echo4 extends ChannelInboundHandlerAdapter {
    private static final int OPTIONS = 240;
    private static final int MAGIC_COOKIE = 0x63825363;

    private final int serverId;

    /** @param serverId the address put in the server identifier option */
    Echo4(int serverId) {
        this.serverId = serverId;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        int end = msg instanceof DatagramPacket packet ? turnIntoReply(packet.content()) : -1;
        if (end < 0) {
            ReferenceCountUtil.release(msg);
            return;
        }
        DatagramPacket packet = (DatagramPacket) msg;
        ByteBuf reply = packet.content().writerIndex(end);
        if (reply.maxWritableBytes() < 7) {
            // read into a buffer of its own size: the server identifier needs a larger one
            reply = ctx.alloc().buffer(reply.readableBytes() + 7).writeBytes(reply);
            packet.release();
        }
        reply.writeByte(54).writeByte(4).writeInt(serverId).writeByte(255);
        ctx.writeAndFlush(new DatagramPacket(reply, packet.sender()), ctx.voidPromise());
    }

    /**
     * Rewrites a request into its reply in place, up to its end option; returns where that option
     * is (the server identifier goes there), or -1 when it is not a DISCOVER or REQUEST.
     */
    private static int turnIntoReply(ByteBuf b) {
        int start = b.readerIndex();
        int end = b.writerIndex();
        if (end - start < OPTIONS + 4 || b.getByte(start) != 1 || b.getInt(start + OPTIONS - 4) != MAGIC_COOKIE) {
            return -1;
        }
        int at = start + OPTIONS;
        int type = -1;
        while (at < end) {
            int code = b.getUnsignedByte(at);
            if (code == 0) {
                at++;
                continue;
            }
            if (code == 255) {
                break;
            }
            if (at + 1 >= end || at + 2 + b.getUnsignedByte(at + 1) > end) {
                return -1;
            }
            if (code == 53 && b.getUnsignedByte(at + 1) == 1) {
                type = b.getUnsignedByte(at + 2);
                if (type == 1 || type == 3) {
                    b.setByte(at + 2, type == 1 ? 2 : 5); // DISCOVER → OFFER, REQUEST → ACK
                }
            }
            at += 2 + b.getUnsignedByte(at + 1);
        }
        if ((type != 1 && type != 3) || at >= end) {
            return -1;
        }
        b.setByte(start, 2); // BOOTREPLY
        int xid = b.getInt(start + 4);
        b.setInt(start + 16, 0xC6120000 | (xid & 0x1ffff)); // yiaddr in 198.18.0.0/15, one per transaction id
        return at;
    }
}
