package dev.kakapo.hooks;

import dev.kakapo.protocol.v6.Message6;
import java.util.Objects;

/**
 * {@code pkt6_send}: the reply the server built (relay framing is added when it is encoded), with the client's
 * message. A callout may replace the reply; SKIP or DROP means it is not sent.
 */
public final class Response6 implements CalloutArguments {
    private final Message6 query;
    private Message6 response;

    public Response6(Message6 query, Message6 response) {
        this.query = query;
        this.response = Objects.requireNonNull(response, "response");
    }

    public Message6 query() {
        return query;
    }

    public Message6 response() {
        return response;
    }

    public void replaceResponse(Message6 replacement) {
        this.response = Objects.requireNonNull(replacement, "replacement");
    }

    @Override
    public Response6 copy() {
        return new Response6(query, response);
    }
}
