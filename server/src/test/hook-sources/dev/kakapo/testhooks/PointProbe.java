package dev.kakapo.testhooks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kakapo.hooks.Buffer;
import dev.kakapo.hooks.CalloutArguments;
import dev.kakapo.hooks.CalloutRegistry;
import dev.kakapo.hooks.CalloutResult;
import dev.kakapo.hooks.HookLibrary;
import dev.kakapo.hooks.HookLoadException;
import dev.kakapo.hooks.HookParameters;
import dev.kakapo.hooks.HookPoint;
import dev.kakapo.hooks.LeaseAssignment4;
import dev.kakapo.hooks.LeaseEvent4;
import dev.kakapo.hooks.LeaseEvent6;
import dev.kakapo.hooks.Query4;
import dev.kakapo.hooks.Query6;
import dev.kakapo.hooks.Response4;
import dev.kakapo.hooks.Response6;
import dev.kakapo.hooks.SubnetChoice4;
import dev.kakapo.hooks.SubnetChoice6;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The server tests' hook library (compiled and packed into a jar by the tests, off their class
 * path). Parameters: "point" (a Kea hook point name), "client" (hex: the hardware address or
 * DUID of the one client it acts on), "result" (continue, skip, drop), "behaviour" (return,
 * throw, sleep), and the changes it makes: "add-class", "subnet-id", "valid-lifetime";
 * "refuse" makes load refuse with that reason.
 */
public final class PointProbe implements HookLibrary {

    @Override
    public void load(HookParameters parameters, CalloutRegistry callouts) throws HookLoadException {
        if (parameters.get("refuse") != null) {
            throw new HookLoadException(parameters.text("refuse"), "refuse");
        }
        HookPoint point = HookPoint.named(parameters.text("point"));
        byte[] client = HexFormat.of().parseHex(parameters.text("client", ""));
        CalloutResult result = CalloutResult.valueOf(parameters.text("result", "continue").toUpperCase());
        String behaviour = parameters.text("behaviour", "return");
        JsonNode addClass = parameters.get("add-class");
        JsonNode subnetId = parameters.get("subnet-id");
        JsonNode lifetime = parameters.get("valid-lifetime");
        register(callouts, point, point.argumentType(), arguments -> {
            if (!concerns(arguments, client)) {
                return CalloutResult.CONTINUE;
            }
            if (behaviour.equals("throw")) {
                throw new IllegalStateException("the probe throws, as asked");
            }
            if (behaviour.equals("sleep")) {
                Thread.sleep(5_000);
            }
            if (addClass != null && arguments instanceof Query4 q) {
                q.addClass(addClass.asText());
            }
            if (addClass != null && arguments instanceof Query6 q) {
                q.addClass(addClass.asText());
            }
            if (subnetId != null && arguments instanceof SubnetChoice4 c) {
                c.selectSubnet(subnetId.asInt());
            }
            if (subnetId != null && arguments instanceof SubnetChoice6 c) {
                c.selectSubnet(subnetId.asInt());
            }
            if (lifetime != null && arguments instanceof LeaseAssignment4 a) {
                a.setValidLifetime(lifetime.asLong());
            }
            return result;
        });
    }

    @SuppressWarnings("unchecked")
    private static <A extends CalloutArguments> void register(CalloutRegistry callouts, HookPoint point, Class<A> type,
                                                              dev.kakapo.hooks.Callout<CalloutArguments> callout) {
        callouts.register(point, type, a -> callout.call(a));
    }

    /** Whether the packet or lease is the probed client's. */
    private static boolean concerns(CalloutArguments arguments, byte[] client) {
        if (arguments instanceof Buffer b) {
            return indexOf(b.bytes(), client) >= 0;
        }
        if (arguments instanceof Query4 q) {
            return startsWith(q.query().chaddr(), client);
        }
        if (arguments instanceof SubnetChoice4 c) {
            return startsWith(c.query().chaddr(), client);
        }
        if (arguments instanceof Response4 r) {
            return startsWith(r.query().chaddr(), client);
        }
        if (arguments instanceof LeaseAssignment4 a) {
            return startsWith(a.hwAddress(), client);
        }
        if (arguments instanceof LeaseEvent4 e) {
            return startsWith(e.hwAddress(), client);
        }
        if (arguments instanceof Query6 q) {
            return Arrays.equals(q.query().options().first(1), client);
        }
        if (arguments instanceof SubnetChoice6 c) {
            return Arrays.equals(c.query().options().first(1), client);
        }
        if (arguments instanceof Response6 r) {
            return Arrays.equals(r.query().options().first(1), client);
        }
        if (arguments instanceof LeaseEvent6 e) {
            return Arrays.equals(e.duid(), client);
        }
        return false;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(Arrays.copyOf(bytes, prefix.length), prefix);
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        for (int i = 0; i + part.length <= bytes.length; i++) {
            if (Arrays.equals(Arrays.copyOfRange(bytes, i, i + part.length), part)) {
                return i;
            }
        }
        return -1;
    }
}
