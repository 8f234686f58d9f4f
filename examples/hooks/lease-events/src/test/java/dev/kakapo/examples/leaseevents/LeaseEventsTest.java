package dev.kakapo.examples.leaseevents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kakapo.hooks.Callout;
import dev.kakapo.hooks.CalloutArguments;
import dev.kakapo.hooks.CalloutRegistry;
import dev.kakapo.hooks.HookLoadException;
import dev.kakapo.hooks.HookParameters;
import dev.kakapo.hooks.HookPoint;
import dev.kakapo.hooks.LeaseAssignment4;
import dev.kakapo.hooks.LeaseEvent4;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaseEventsTest {
    @TempDir
    Path dir;

    private final Map<HookPoint, Callout<?>> registered = new EnumMap<>(HookPoint.class);
    private final CalloutRegistry registry = new CalloutRegistry() {
        @Override
        public <A extends CalloutArguments> void register(HookPoint point, Class<A> arguments, Callout<A> callout) {
            registered.put(point, callout);
        }
    };

    @SuppressWarnings("unchecked")
    private static <A extends CalloutArguments> void call(Callout<?> callout, A arguments) throws Exception {
        ((Callout<A>) callout).call(arguments);
    }

    @Test
    void eachEventIsOneLineWithAddressClientAndTime() throws Exception {
        LeaseEvents library = new LeaseEvents(Clock.fixed(Instant.parse("2024-05-01T10:00:00Z"), ZoneOffset.UTC));
        library.load(new HookParameters((ObjectNode) new ObjectMapper().readTree("{\"file\": \"events.log\"}"), dir), registry);
        Inet4Address address = (Inet4Address) InetAddress.getByName("192.0.2.10");
        byte[] hw = {0, 0x0c, 1, 2, 3, 4};
        call(registered.get(HookPoint.LEASE4_SELECT), new LeaseAssignment4(null, 1, true, address, hw, new byte[0], 4000, ""));
        call(registered.get(HookPoint.LEASE4_SELECT), new LeaseAssignment4(null, 1, false, address, hw, new byte[0], 4000, ""));
        call(registered.get(HookPoint.LEASE4_RELEASE), new LeaseEvent4(null, 1, address, hw, new byte[0], 4000, 0, ""));
        library.unload();
        assertEquals(List.of(
                "2024-05-01T10:00:00Z select address=192.0.2.10 client=hw:000c01020304 subnet=1 valid=4000",
                "2024-05-01T10:00:00Z release address=192.0.2.10 client=hw:000c01020304 subnet=1 valid=4000"),
                Files.readAllLines(dir.resolve("events.log")));
    }

    @Test
    void aFileInAMissingFolderIsRefused() throws Exception {
        HookLoadException e = assertThrows(HookLoadException.class, () -> new LeaseEvents().load(new HookParameters(
                (ObjectNode) new ObjectMapper().readTree("{\"file\": \"no/such/folder/events.log\"}"), dir), registry));
        assertEquals("file", e.parameter());
    }
}
