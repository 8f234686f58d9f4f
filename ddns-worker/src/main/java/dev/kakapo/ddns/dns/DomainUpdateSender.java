package dev.kakapo.ddns.dns;

import dev.kakapo.ddns.config.DdnsDomain;
import dev.kakapo.ddns.config.DnsServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIGRecord;
import org.xbill.DNS.Update;

/**
 * Sends one DNS UPDATE to a domain's servers in the configured order, signed with the domain's
 * key. The next server is tried when one does not answer in time, cannot be reached, answers
 * SERVFAIL, or gives an answer whose TSIG does not verify; any other answer is final.
 */
public final class DomainUpdateSender {
    private final Duration timeout;
    private final Executor executor;

    /**
     * @param timeout how long each server gets ({@code dns-server-timeout})
     * @param executor where the answers are handled; never a gRPC or dnsjava I/O thread
     */
    public DomainUpdateSender(Duration timeout, Executor executor) {
        this.timeout = timeout;
        this.executor = executor;
    }

    public CompletableFuture<UpdateReply> send(DdnsDomain domain, Update update) {
        return tryFrom(domain, update, 0, new ArrayList<>());
    }

    private CompletableFuture<UpdateReply> tryFrom(DdnsDomain domain, Update update, int index, List<String> failures) {
        if (index == domain.servers().size()) {
            return CompletableFuture.completedFuture(new UpdateReply.Unanswered(String.join("; ", failures)));
        }
        DnsServer server = domain.servers().get(index);
        return sendTo(domain, server, update)
                .handle((response, error) -> {
                    if (error != null) {
                        failures.add(server + ": " + describe(error));
                        return null;
                    }
                    return judge(domain, server, response, failures);
                })
                .thenCompose(reply -> reply != null
                        ? CompletableFuture.completedFuture(reply)
                        : tryFrom(domain, update, index + 1, failures));
    }

    private CompletableFuture<Message> sendTo(DdnsDomain domain, DnsServer server, Update update) {
        try {
            SimpleResolver resolver = new SimpleResolver(server.socketAddress());
            resolver.setTimeout(timeout);
            domain.key().ifPresent(k -> resolver.setTSIGKey(k.signer()));
            return resolver.sendAsync(update, executor).toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The reply when {@code response} is final, or null (with the reason noted) to try the next server. */
    private static UpdateReply judge(DdnsDomain domain, DnsServer server, Message response, List<String> failures) {
        int rcode = response.getRcode();
        TSIGRecord tsig = response.getTSIG();
        int tsigError = tsig == null ? 0 : tsig.getError();
        if (domain.key().isPresent() && !response.isVerified() && rcode != Rcode.NOTAUTH) {
            failures.add(server + ": answered " + Rcode.string(rcode) + " but the answer's TSIG did not verify"
                    + (tsig == null ? " (unsigned)" : ""));
            return null;
        }
        if (rcode == Rcode.SERVFAIL) {
            failures.add(server + ": SERVFAIL");
            return null;
        }
        return new UpdateReply.Answered(server, rcode, tsigError);
    }

    private static String describe(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : " " + message);
    }
}
