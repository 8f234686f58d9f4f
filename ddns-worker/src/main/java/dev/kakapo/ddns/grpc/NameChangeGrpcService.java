package dev.kakapo.ddns.grpc;

import dev.kakapo.ddns.InvalidNameChangeException;
import dev.kakapo.ddns.NameChange;
import dev.kakapo.ddns.NameChangeCounters;
import dev.kakapo.ddns.NameChangeEngine;
import dev.kakapo.proto.ddns.NameChangeRequest;
import dev.kakapo.proto.ddns.NameChangeResult;
import dev.kakapo.proto.ddns.NameChangeServiceGrpc;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Locale;

/**
 * {@code NameChangeService.Apply}: checks each request at the boundary (a malformed one gets
 * INVALID_ARGUMENT naming the field), hands it to the engine and answers with the engine's
 * result. Handlers only validate and enqueue, so gRPC threads are never held while DNS answers.
 * One log line per request: {@code event=ddns-update outcome=... }.
 */
public final class NameChangeGrpcService extends NameChangeServiceGrpc.NameChangeServiceImplBase {
    private static final Logger LOG = System.getLogger(NameChangeGrpcService.class.getName());

    private final NameChangeEngine engine;
    private final NameChangeCounters counters;

    public NameChangeGrpcService(NameChangeEngine engine, NameChangeCounters counters) {
        this.engine = engine;
        this.counters = counters;
    }

    @Override
    public void apply(NameChangeRequest request, StreamObserver<NameChangeResult> responses) {
        if (responses instanceof ServerCallStreamObserver<NameChangeResult> call) {
            // a sender that gives up does not undo the change; the answer is just not delivered
            call.setOnCancelHandler(() -> { });
        }
        NameChange change;
        try {
            change = NameChange.from(request);
        } catch (InvalidNameChangeException e) {
            counters.countInvalid();
            LOG.log(Level.WARNING, "event=ddns-update outcome=invalid reason=\"{0}\"", quotable(e.getMessage()));
            responses.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        }
        engine.apply(change).whenComplete((result, error) -> {
            if (error != null) {
                counters.count(NameChangeResult.Status.FAILED);
                LOG.log(Level.ERROR, "event=ddns-update outcome=error change={0} fqdn={1} ip={2} reason=\"{3}\"",
                        kind(change), change.fqdn(), change.address().getHostAddress(), quotable(String.valueOf(error)));
                responses.onError(Status.INTERNAL.withDescription("the change could not be applied: " + error).asRuntimeException());
                return;
            }
            counters.count(result.getStatus());
            LOG.log(result.getStatus() == NameChangeResult.Status.APPLIED || result.getStatus() == NameChangeResult.Status.CONFLICT
                            ? Level.INFO : Level.WARNING,
                    "event=ddns-update outcome={0} change={1} fqdn={2} ip={3} forward={4} reverse={5} detail=\"{6}\"",
                    result.getStatus().name().toLowerCase(Locale.ROOT), kind(change), change.fqdn(),
                    change.address().getHostAddress(), change.forward(), change.reverse(), quotable(result.getDetail()));
            responses.onNext(result);
            responses.onCompleted();
        });
    }

    /** A value that stays one {@code key="..."} field: inner quotes are escaped. */
    private static String quotable(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String kind(NameChange change) {
        return change.kind().name().toLowerCase(Locale.ROOT);
    }
}
