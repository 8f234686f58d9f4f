package dev.kakapo.server.net;

import dev.kakapo.hooks.HookPoint;
import dev.kakapo.server.hooks.Callouts;
import dev.kakapo.server.metrics.PacketCounters;
import io.netty.channel.ChannelHandler;
import java.util.ArrayList;
import java.util.List;

/** The pipeline of a family's sockets: the buffer hook handlers around it only when a library has callouts there. */
final class BufferCallouts {
    private BufferCallouts() {
    }

    /**
     * {@code decoder, encoder, responder} with, at the head (so they see datagrams, not messages),
     * the send then the receive callouts when present.
     */
    static ChannelHandler[] pipeline(Callouts callouts, HookPoint receive, HookPoint send, PacketCounters counters,
                                     String receiveDrops, String sendDrops, ChannelHandler... handlers) {
        List<ChannelHandler> all = new ArrayList<>();
        if (callouts.has(send)) {
            all.add(new BufferSendCallouts(callouts, send, counters, sendDrops));
        }
        if (callouts.has(receive)) {
            all.add(new BufferReceiveCallouts(callouts, receive, counters, receiveDrops));
        }
        all.addAll(List.of(handlers));
        return all.toArray(ChannelHandler[]::new);
    }
}
