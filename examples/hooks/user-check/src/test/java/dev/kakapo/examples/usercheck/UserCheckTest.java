package dev.kakapo.examples.usercheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kakapo.hooks.Callout;
import dev.kakapo.hooks.CalloutArguments;
import dev.kakapo.hooks.CalloutRegistry;
import dev.kakapo.hooks.CalloutResult;
import dev.kakapo.hooks.HookLoadException;
import dev.kakapo.hooks.HookParameters;
import dev.kakapo.hooks.HookPoint;
import dev.kakapo.hooks.Query4;
import dev.kakapo.protocol.v4.Message4;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserCheckTest {
    @TempDir
    Path dir;

    private final Map<HookPoint, Callout<?>> registered = new EnumMap<>(HookPoint.class);
    private final CalloutRegistry registry = new CalloutRegistry() {
        @Override
        public <A extends CalloutArguments> void register(HookPoint point, Class<A> arguments, Callout<A> callout) {
            registered.put(point, callout);
        }
    };

    private HookParameters parameters(String json) throws Exception {
        return new HookParameters((ObjectNode) new ObjectMapper().readTree(json), dir);
    }

    @SuppressWarnings("unchecked")
    private Set<String> classesOf(byte[] chaddr) throws Exception {
        Query4 query = new Query4(Message4.builder().op(1).htype(1).hlen(6).chaddr(chaddr).build(), Set.of("ALL"));
        assertEquals(CalloutResult.CONTINUE, ((Callout<Query4>) registered.get(HookPoint.PKT4_RECEIVE)).call(query));
        return query.addedClasses();
    }

    @Test
    void aListedClientIsPutInItsClassAndOthersAreNot() throws Exception {
        Files.writeString(dir.resolve("users.txt"), "# known clients\n00:0c:01:02:03:04\n00-0c-01-02-03-05 VIP\n\n");
        new UserCheck().load(parameters("{\"user-file\": \"users.txt\"}"), registry);
        assertEquals(Set.of("KNOWN_USER"), classesOf(new byte[] {0, 0x0c, 1, 2, 3, 4}));
        assertEquals(Set.of("VIP"), classesOf(new byte[] {0, 0x0c, 1, 2, 3, 5}));
        assertEquals(Set.of(), classesOf(new byte[] {0, 0x0c, 1, 2, 3, 6}));
        assertTrue(registered.containsKey(HookPoint.PKT6_RECEIVE));
    }

    @Test
    void aBadLineOrMissingFileIsRefusedNamingTheParameter() throws Exception {
        Files.writeString(dir.resolve("users.txt"), "00:0c:01:02:03:04\nnot-hex\n");
        HookLoadException bad = assertThrows(HookLoadException.class,
                () -> new UserCheck().load(parameters("{\"user-file\": \"users.txt\"}"), registry));
        assertTrue(bad.getMessage().contains("line 2"), bad.getMessage());
        assertEquals("user-file", bad.parameter());
        HookLoadException missing = assertThrows(HookLoadException.class,
                () -> new UserCheck().load(parameters("{}"), registry));
        assertEquals("user-file", missing.parameter());
    }
}
