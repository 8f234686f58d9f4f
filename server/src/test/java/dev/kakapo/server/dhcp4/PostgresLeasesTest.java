package dev.kakapo.server.dhcp4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.coordinator.sql.SqlSchema;
import dev.kakapo.protocol.v4.Message4;
import dev.kakapo.protocol.v4.MessageType4;
import dev.kakapo.server.Ports;
import dev.kakapo.server.ServerNode;
import dev.kakapo.server.config.KeaConfig;
import dev.kakapo.server.testing.FreePorts;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DHCPv4 server with {@code "lease-database": {"type": "postgresql"}} on a real PostgreSQL:
 * ACKed leases are rows in Kea's lease4 table, and a restarted server gives each client its lease back.
 */
class PostgresLeasesTest {
    static EmbeddedPostgres postgres;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        SqlSchema.init(postgres.getPostgresDatabase());
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @Test
    void ackedLeasesAreRowsAndSurviveARestart() throws Exception {
        Files.writeString(dir.resolve("db-password"), "\n");
        String config = """
                { "Dhcp4": {
                    "interfaces-config": { "interfaces": [ "lo/127.0.0.1" ] },
                    "lease-database": { "type": "postgresql", "name": "postgres", "host": "localhost", "port": %d,
                                        "user": "postgres", "password-file": "db-password" },
                    "valid-lifetime": 4000,
                    "subnet4": [ { "id": 7, "subnet": "192.0.2.0/24", "relay": { "ip-addresses": [ "127.0.0.2" ] },
                                   "pools": [ { "pool": "192.0.2.100 - 192.0.2.200" } ] } ] } }
                """.formatted(postgres.getPort());
        KeaConfig kea = KeaConfig.parse(config, dir, KeaConfig.Families.DHCP4);
        int port = FreePorts.udp();
        Map<Integer, Integer> acked = new HashMap<>();
        try (ServerNode node = ServerNode.start(kea.dhcp4(), new Ports(port, FreePorts.udp()), null, null);
             Relay4Client relay = new Relay4Client("127.0.0.2", "127.0.0.1", port)) {
            for (int c = 0; c < 20; c++) {
                Message4 ack = relay.dora(Relay4Client.mac(c));
                assertEquals(MessageType4.ACK, ack.messageType());
                acked.put(c, ack.yiaddr());
            }
        }
        Map<Long, String> rows = new HashMap<>();
        try (Connection db = postgres.getPostgresDatabase().getConnection(); Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT address, subnet_id, valid_lifetime, encode(hwaddr, 'hex') FROM lease4")) {
            while (rs.next()) {
                assertEquals(7, rs.getLong(2));
                assertEquals(4000, rs.getLong(3));
                rows.put(rs.getLong(1), rs.getString(4));
            }
        }
        for (Map.Entry<Integer, Integer> e : acked.entrySet()) {
            String hw = rows.get(Integer.toUnsignedLong(e.getValue()));
            assertTrue(hw != null && hw.endsWith(String.format("%02x", e.getKey())), "row for " + Ipv4.toText(e.getValue()) + ": " + hw);
        }
        try (ServerNode restarted = ServerNode.start(kea.dhcp4(), new Ports(port, FreePorts.udp()), null, null);
             Relay4Client relay = new Relay4Client("127.0.0.2", "127.0.0.1", port)) {
            for (Map.Entry<Integer, Integer> e : acked.entrySet()) {
                Message4 offer = relay.exchange(Relay4Client.message(MessageType4.DISCOVER, Relay4Client.mac(e.getKey())));
                assertEquals(Ipv4.toText(e.getValue()), Ipv4.toText(offer.yiaddr()), "a returning client after a restart");
            }
        }
    }
}
