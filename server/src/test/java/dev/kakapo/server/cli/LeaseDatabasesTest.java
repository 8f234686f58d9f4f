package dev.kakapo.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kakapo.coordinator.cql.CassandraServer;
import dev.kakapo.coordinator.cql.CqlSettings;
import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.coordinator.sql.MysqlServer;
import dev.kakapo.coordinator.sql.SqlSettings;
import dev.kakapo.protocol.v4.Message4;
import dev.kakapo.protocol.v4.MessageType4;
import dev.kakapo.server.Ports;
import dev.kakapo.server.ServerNode;
import dev.kakapo.server.config.KeaConfig;
import dev.kakapo.server.dhcp4.Relay4Client;
import dev.kakapo.server.testing.FreePorts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each database lease store end to end, as an operator meets it: the server refuses a database
 * without Kakapo's schema and names the command, {@code kakapo admin db-init} creates it, ACKed
 * leases survive a restart, and {@code kakapo admin lease-export} writes them as a Kea lease file.
 * Cassandra runs in the default tests; MariaDB comes from a Debian package, so its test is e2e.
 */
class LeaseDatabasesTest {
    static final int CLIENTS = 20;

    @TempDir
    Path dir;

    @Test
    void cassandraKeyspace() throws Exception {
        CqlSettings keyspace = CassandraServer.shared().newKeyspace(false);
        serveFrom("cql", """
                { "type": "cql", "contact-points": "127.0.0.1", "port": %d, "keyspace": "%s", "connect-timeout": 2 }
                """.formatted(keyspace.port(), keyspace.keyspace()));
    }

    @Test
    @Tag("e2e")
    void mysqlDatabase() throws Exception {
        SqlSettings database = MysqlServer.shared().newDatabase(false);
        Files.writeString(dir.resolve("db-password"), database.password() + "\n");
        serveFrom("mysql", """
                { "type": "mysql", "name": "%s", "host": "127.0.0.1", "port": %d, "user": "%s", "password-file": "db-password" }
                """.formatted(database.databaseName(), database.port(), database.user()));
    }

    private void serveFrom(String type, String leaseDatabase) throws Exception {
        Path config = dir.resolve("kakapo.json");
        Files.writeString(config, """
                { "Dhcp4": {
                    "interfaces-config": { "interfaces": [ "lo/127.0.0.1" ] },
                    "lease-database": %s,
                    "valid-lifetime": 4000,
                    "subnet4": [ { "id": 7, "subnet": "192.0.2.0/24", "relay": { "ip-addresses": [ "127.0.0.2" ] },
                                   "pools": [ { "pool": "192.0.2.100 - 192.0.2.200" } ] } ] } }
                """.formatted(leaseDatabase.strip()));
        KeaConfig kea = KeaConfig.parseFile(config, KeaConfig.Families.DHCP4);
        int port = FreePorts.udp();
        Ports ports = new Ports(port, FreePorts.udp());

        IOException noSchema = assertThrows(IOException.class, () -> ServerNode.start(kea.dhcp4(), ports, null, null));
        assertTrue(noSchema.getMessage().contains("kakapo admin db-init " + type), noSchema.getMessage());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, admin(out, err, "db-init", type, "-c", config.toString()), err.toString());
        assertTrue(out.toString().contains("schema created"), out.toString());
        assertEquals(1, admin(out, err, "db-init", type, "-c", config.toString()), "a second db-init refuses");
        assertEquals(0, admin(out, err, "db-version", type, "-c", config.toString()), err.toString());

        Map<Integer, Integer> acked = new HashMap<>(); // client -> address
        try (ServerNode node = ServerNode.start(kea.dhcp4(), ports, null, null);
             Relay4Client relay = new Relay4Client("127.0.0.2", "127.0.0.1", port)) {
            for (int c = 0; c < CLIENTS; c++) {
                Message4 ack = relay.dora(Relay4Client.mac(c));
                assertEquals(MessageType4.ACK, ack.messageType(), "client " + c);
                acked.put(c, ack.yiaddr());
            }
        }
        assertEquals(CLIENTS, new HashSet<>(acked.values()).size(), "one address per client");

        try (ServerNode node = ServerNode.start(kea.dhcp4(), ports, null, null);
             Relay4Client relay = new Relay4Client("127.0.0.2", "127.0.0.1", port)) {
            for (Map.Entry<Integer, Integer> e : acked.entrySet()) {
                Message4 offer = relay.exchange(Relay4Client.message(MessageType4.DISCOVER, Relay4Client.mac(e.getKey())));
                assertEquals(Ipv4.toText(e.getValue()), Ipv4.toText(offer.yiaddr()), "client " + e.getKey() + " after the restart");
            }
        }

        Path exported = dir.resolve("exported.csv");
        assertEquals(0, admin(out, err, "lease-export", "-4", "-c", config.toString(), exported.toString()), err.toString());
        List<String> rows = Files.readAllLines(exported);
        Set<String> exportedAddresses = new HashSet<>();
        for (String row : rows.subList(1, rows.size())) {
            exportedAddresses.add(row.substring(0, row.indexOf(',')));
        }
        Set<String> ackedAddresses = new HashSet<>();
        acked.values().forEach(a -> ackedAddresses.add(Ipv4.toText(a)));
        assertEquals(ackedAddresses, exportedAddresses, "the Kea lease file holds every ACKed lease");
    }

    private static int admin(ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "admin";
        System.arraycopy(args, 0, all, 1, args.length);
        return Kakapo.run(all, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
