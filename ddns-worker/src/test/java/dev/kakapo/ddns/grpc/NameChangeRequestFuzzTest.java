package dev.kakapo.ddns.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.kakapo.ddns.InvalidNameChangeException;
import dev.kakapo.ddns.NameChange;
import dev.kakapo.ddns.NameChangeCounters;
import dev.kakapo.ddns.NameChangeEngine;
import dev.kakapo.ddns.config.DdnsDomains;
import dev.kakapo.ddns.config.DhcpDdnsSettings;
import dev.kakapo.proto.ddns.NameChangeRequest;
import dev.kakapo.proto.ddns.NameChangeResult;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Any bytes that protobuf reads as a NameChangeRequest get, from {@code NameChangeService.Apply},
 * either INVALID_ARGUMENT naming a request field, or an answer; nothing else escapes the handler.
 * The service runs in-process with no forward or reverse domains, so an accepted change is
 * answered REFUSED without any DNS traffic, and steps run on the calling thread.
 *
 * <p>Regression inputs: {@code src/test/resources/dev/kakapo/ddns/grpc/NameChangeRequestFuzzTestInputs/apply/}
 * (serialized requests). Fuzz with {@code bin/fuzz ncr}.
 */
class NameChangeRequestFuzzTest {
    private static final Set<String> FIELDS = Set.of("change_type", "forward_change", "reverse_change", "fqdn",
            "ip_address", "dhcid", "lease_expires_on", "lease_length");

    /** One log line per request would drown the fuzzer's output; kept referenced so the level sticks. */
    private static final Logger SERVICE_LOG = quiet(NameChangeGrpcService.class.getName());

    private final NameChangeGrpcService service = new NameChangeGrpcService(
            new NameChangeEngine(new DhcpDdnsSettings(InetAddress.getLoopbackAddress(), 0, Duration.ofMillis(100),
                    List.of(), DdnsDomains.NONE, DdnsDomains.NONE), Runnable::run),
            new NameChangeCounters());

    @FuzzTest(maxDuration = "5m")
    void apply(byte[] bytes) {
        NameChangeRequest request;
        try {
            request = NameChangeRequest.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            return; // protobuf itself refuses these; gRPC never hands them to the service
        }
        boolean valid;
        try {
            NameChange.from(request);
            valid = true;
        } catch (InvalidNameChangeException e) {
            assertTrue(FIELDS.contains(e.field()), "unknown field '" + e.field() + "': " + e.getMessage());
            valid = false;
        }
        Answer answer = new Answer();
        service.apply(request, answer);
        if (valid) {
            assertNull(answer.error, () -> "a valid request failed: " + answer.error);
            assertNotNull(answer.result, "no answer");
            assertEquals(NameChangeResult.Status.REFUSED, answer.result.getStatus());
            assertTrue(answer.completed);
        } else {
            assertNotNull(answer.error, "an invalid request was not refused");
            Status status = Status.fromThrowable(answer.error);
            assertEquals(Status.Code.INVALID_ARGUMENT, status.getCode(), status.toString());
            String field = status.getDescription().substring(0, Math.max(0, status.getDescription().indexOf(':')));
            assertTrue(FIELDS.contains(field), status.getDescription());
        }
    }

    private static Logger quiet(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.OFF);
        return logger;
    }

    /** What the service answered on the stream. */
    private static final class Answer implements StreamObserver<NameChangeResult> {
        NameChangeResult result;
        Throwable error;
        boolean completed;

        @Override
        public void onNext(NameChangeResult value) {
            result = value;
        }

        @Override
        public void onError(Throwable t) {
            error = t;
        }

        @Override
        public void onCompleted() {
            completed = true;
        }
    }
}
