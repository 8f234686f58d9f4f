package dev.kakapo.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class HookPointTest {
    @Test
    void pointsAreFoundByKeaName() {
        assertEquals(HookPoint.LEASE6_REBIND, HookPoint.named("lease6_rebind"));
        assertEquals(Query4.class, HookPoint.named("pkt4_receive").argumentType());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HookPoint.named("pkt4_recieve"));
        assertTrue(e.getMessage().contains("unknown hook point 'pkt4_recieve'"), e.getMessage());
    }

    @Test
    void parametersAreReadByNameAndFilesResolvedAgainstTheConfigFolder() throws Exception {
        ObjectNode json = (ObjectNode) new ObjectMapper().readTree("{\"user-file\": \"users.txt\", \"floor\": 13}");
        HookParameters p = new HookParameters(json, Path.of("/etc/kakapo"));
        assertEquals(List.of("user-file", "floor"), p.names());
        assertEquals(13, p.get("floor").asInt());
        assertEquals(null, p.get("absent"));
        assertEquals(Path.of("/etc/kakapo/users.txt"), p.file("user-file"));
        HookLoadException notText = assertThrows(HookLoadException.class, () -> p.text("floor"));
        assertEquals("floor", notText.parameter());
        assertEquals("missing parameter 'file'", assertThrows(HookLoadException.class, () -> p.text("file")).getMessage());
    }

    @Test
    void aCopyIsIndependentOfTheOriginal() {
        Query4 query = new Query4(dev.kakapo.protocol.v4.Message4.builder().op(1).build(), java.util.Set.of("ALL"));
        Query4 copy = query.copy();
        copy.addClass("KNOWN_USER");
        assertEquals(java.util.Set.of("ALL"), query.classes());
        assertEquals(java.util.Set.of("ALL", "KNOWN_USER"), copy.classes());
        SubnetChoice4 choice = new SubnetChoice4(query.query(), java.util.Set.of(), List.of(1, 2), 1);
        assertThrows(IllegalArgumentException.class, () -> choice.selectSubnet(3));
        choice.selectSubnet(2);
        assertEquals(2, choice.subnetId());
    }
}
