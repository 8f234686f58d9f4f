package dev.kakapo.hooks;

import dev.kakapo.protocol.v4.Message4;
import java.util.Objects;

/**
 * {@code pkt4_send}: the reply the server built, before it is encoded, with the client's
 * message. A callout may replace the reply; SKIP or DROP means it is not sent.
 */
public final class Response4 implements CalloutArguments {
    private final Message4 query;
    private Message4 response;

    public Response4(Message4 query, Message4 response) {
        this.query = query;
        this.response = Objects.requireNonNull(response, "response");
    }

    public Message4 query() {
        return query;
    }

    public Message4 response() {
        return response;
    }

    public void replaceResponse(Message4 replacement) {
        this.response = Objects.requireNonNull(replacement, "replacement");
    }

    @Override
    public Response4 copy() {
        return new Response4(query, response);
    }
}
