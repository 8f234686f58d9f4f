package dev.kakapo.server.hosts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kakapo.coordinator.hosts.Host;
import dev.kakapo.coordinator.hosts.HostSource;
import dev.kakapo.coordinator.hosts.ReadOnlyHostSourceException;
import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.protocol.option.OptionCatalog;
import dev.kakapo.server.config.ConfigException;
import dev.kakapo.server.config.ConfiguredOption;
import dev.kakapo.server.config.HostCommandArguments;
import dev.kakapo.server.config.HostCommandArguments.ByAddress4;
import dev.kakapo.server.config.HostCommandArguments.ByAddress6;
import dev.kakapo.server.config.HostCommandArguments.ByIdentifier;
import dev.kakapo.server.config.HostCommandArguments.Selector;
import dev.kakapo.server.config.Reservation4;
import dev.kakapo.server.config.Reservation6;
import dev.kakapo.server.config.Reservations4;
import dev.kakapo.server.config.Reservations6;
import dev.kakapo.server.config.Subnet4;
import dev.kakapo.server.config.Subnet6;
import java.io.IOException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Kea's host commands on the configured host databases: {@code reservation-add},
 * {@code reservation-get} and {@code reservation-del}, with Kea's arguments and answers
 * ({@code {"result": 0, "text": "Host added."}}), for one family. A command is handled whole
 * before {@link #handle} returns; whatever goes wrong comes back as an answer with result 1 and
 * the reason, never as an exception.
 *
 * <p>A reservation is added to the first host database that is not read-only, looked up in every
 * one in configuration order, and deleted from the first that holds it. Reservations in the
 * configuration file are not managed here: they change with the file.
 */
public final class ReservationCommands {
    /** Kea's result codes. */
    public static final int SUCCESS = 0;
    public static final int ERROR = 1;
    public static final int UNSUPPORTED = 2;
    public static final int EMPTY = 3;

    public static final List<String> COMMANDS = List.of("reservation-add", "reservation-get", "reservation-del");

    /** How long one database call may take before the command gives up on it. */
    private static final long DATABASE_SECONDS = 60;
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final HostCommandArguments configuration;
    private final List<HostSource> sources;

    /**
     * @param configuration the family's configuration the arguments are read against
     * @param sources       its host databases, open, in configuration order; closed by the caller
     */
    public ReservationCommands(HostCommandArguments configuration, List<HostSource> sources) {
        this.configuration = configuration;
        this.sources = List.copyOf(sources);
    }

    /** Runs {@code command} with {@code arguments} (Kea's {@code "arguments"} object) and returns Kea's answer. */
    public ObjectNode handle(String command, JsonNode arguments) {
        try {
            if (!COMMANDS.contains(command)) {
                return answer(UNSUPPORTED, "'" + command + "' is not a reservation command (expected one of "
                        + String.join(", ", COMMANDS) + ")");
            }
            if (arguments == null || arguments.isMissingNode() || arguments.isNull()) {
                return answer(ERROR, "missing 'arguments' of " + command);
            }
            if (sources.isEmpty()) {
                return answer(ERROR, "the " + section() + " section has no hosts-database, and " + command
                        + " works on reservations in a hosts database (those of the configuration file change with"
                        + " the file)");
            }
            return switch (command) {
                case "reservation-add" -> add(arguments);
                case "reservation-get" -> get(configuration.selector(arguments));
                default -> delete(configuration.selector(arguments));
            };
        } catch (ConfigException | Refused e) {
            return answer(ERROR, e.getMessage());
        } catch (IOException e) {
            return answer(ERROR, command + " failed: " + e.getMessage());
        } catch (RuntimeException e) {
            return answer(ERROR, command + " failed: " + e);
        }
    }

    /** A command that cannot be carried out, for the reason given. */
    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String reason) {
            super(reason);
        }
    }

    private ObjectNode add(JsonNode arguments) throws ConfigException, IOException, Refused {
        Host host;
        try {
            if (configuration.isDhcp4()) {
                HostCommandArguments.Added4 added = configuration.added4(arguments);
                refuseClashInFile4(added);
                host = HostReservations.toHost(added.reservation(), added.subnetId());
            } else {
                HostCommandArguments.Added6 added = configuration.added6(arguments);
                refuseClashInFile6(added);
                host = HostReservations.toHost(added.reservation(), added.subnetId());
            }
        } catch (IllegalArgumentException e) {
            throw new Refused("Host not added: " + e.getMessage());
        }
        HostSource target = sources.stream().filter(s -> !s.isReadOnly()).findFirst()
                .orElseThrow(() -> new Refused("Host not added: " + (sources.size() == 1 ? "the hosts-database is"
                        : "all " + sources.size() + " hosts databases are") + " read-only (readonly: true), so"
                        + " there is none to add to"));
        refuseClashInOtherDatabases(host, target);
        try {
            await(target.add(host));
        } catch (IOException | IllegalArgumentException e) {
            // the store's reason: a duplicate, or a value its columns cannot hold
            throw new Refused("Host not added: " + e.getMessage());
        }
        return answer(SUCCESS, "Host added.");
    }

    private ObjectNode get(Selector selector) throws IOException {
        for (HostSource source : sources) {
            Optional<Host> host = find(source, selector);
            if (host.isPresent()) {
                ObjectNode answer = answer(SUCCESS, "Host found.");
                answer.set("arguments", reservationJson(host.get(), selector.subnetId()));
                return answer;
            }
        }
        return answer(EMPTY, "Host not found.");
    }

    private ObjectNode delete(Selector selector) throws IOException, Refused {
        for (HostSource source : sources) {
            Optional<Host> found = find(source, selector);
            if (found.isEmpty()) {
                continue;
            }
            Host host = found.get();
            boolean deleted;
            try {
                deleted = await(configuration.isDhcp4()
                        ? source.delete4(selector.subnetId(), host.identifierType(), host.identifier())
                        : source.delete6(selector.subnetId(), host.identifierType(), host.identifier()));
            } catch (ReadOnlyHostSourceException e) {
                throw new Refused("Host not deleted: " + e.getMessage());
            }
            if (deleted) {
                return answer(SUCCESS, "Host deleted.");
            }
        }
        return answer(ERROR, "Host not deleted (not found).");
    }

    private Optional<Host> find(HostSource source, Selector selector) throws IOException {
        int subnetId = selector.subnetId();
        CompletableFuture<Optional<Host>> lookup;
        if (selector instanceof ByAddress4 a) {
            lookup = source.get4ByAddress(subnetId, a.address());
        } else if (selector instanceof ByAddress6 a) {
            lookup = source.get6ByAddress(subnetId, a.address(), 128);
        } else {
            ByIdentifier i = (ByIdentifier) selector;
            lookup = configuration.isDhcp4() ? source.get4(subnetId, i.type(), i.identifier())
                    : source.get6(subnetId, i.type(), i.identifier());
        }
        return await(lookup);
    }

    /**
     * The configuration file's reservations are looked at before any database, so one there for
     * the same client or address would hide the new one, or hand its address to two clients.
     */
    private void refuseClashInFile4(HostCommandArguments.Added4 added) throws Refused {
        Reservation4 r = added.reservation();
        Reservations4 file = added.subnetId() == 0 ? configuration.dhcp4Config().globalReservations()
                : configuration.dhcp4Config().subnets().stream().filter(s -> s.id() == added.subnetId())
                        .map(Subnet4::reservations).findFirst().orElse(Reservations4.NONE);
        Reservation4 sameClient = file.find(r.identifierType(), r.identifier());
        if (sameClient != null) {
            throw new Refused("Host not added: " + scope(added.subnetId()) + " of the configuration file already"
                    + " reserves for " + r.identifierType() + " " + r.identifier());
        }
        Reservation4 sameAddress = r.address() == 0 ? null : file.ofAddress(r.address());
        if (sameAddress != null) {
            throw new Refused("Host not added: " + scope(added.subnetId()) + " of the configuration file already"
                    + " reserves " + Ipv4.toText(r.address()) + " for " + sameAddress.identifierType() + " "
                    + sameAddress.identifier());
        }
    }

    private void refuseClashInFile6(HostCommandArguments.Added6 added) throws Refused {
        Reservation6 r = added.reservation();
        Reservations6 file = added.subnetId() == 0 ? configuration.dhcp6Config().globalReservations()
                : configuration.dhcp6Config().subnets().stream().filter(s -> s.id() == added.subnetId())
                        .map(Subnet6::reservations).findFirst().orElse(Reservations6.NONE);
        if (file.find(r.identifierType(), r.identifier()) != null) {
            throw new Refused("Host not added: " + scope(added.subnetId()) + " of the configuration file already"
                    + " reserves for " + r.identifierType() + " " + r.identifier());
        }
        for (Ipv6Address address : r.addresses()) {
            Reservation6 other = file.ofSlot(address, 128);
            if (other != null) {
                throw new Refused("Host not added: " + scope(added.subnetId()) + " of the configuration file already"
                        + " reserves " + address.toText() + " for " + other.identifierType() + " " + other.identifier());
            }
        }
        for (Reservation6.ReservedPrefix prefix : r.prefixes()) {
            Reservation6 other = file.ofSlot(prefix.prefix(), prefix.length());
            if (other != null) {
                throw new Refused("Host not added: " + scope(added.subnetId()) + " of the configuration file already"
                        + " reserves " + prefix.prefix().toText() + "/" + prefix.length() + " for "
                        + other.identifierType() + " " + other.identifier());
            }
        }
    }

    /**
     * The target database refuses a duplicate itself (unique keys); the others are asked, since a
     * reservation in an earlier one would hide the new one.
     */
    private void refuseClashInOtherDatabases(Host host, HostSource target) throws IOException, Refused {
        for (int i = 0; i < sources.size(); i++) {
            HostSource other = sources.get(i);
            if (other == target) {
                continue;
            }
            String where = "hosts database " + (i + 1) + " of " + sources.size();
            if (configuration.isDhcp4()) {
                int subnetId = host.dhcp4SubnetId();
                if (await(other.get4(subnetId, host.identifierType(), host.identifier())).isPresent()) {
                    throw new Refused("Host not added: " + where + " already holds a reservation for "
                            + host.describe() + " in " + scope(subnetId));
                }
                if (host.ipv4Address() != 0 && await(other.get4ByAddress(subnetId, host.ipv4Address())).isPresent()) {
                    throw new Refused("Host not added: " + where + " already holds a reservation of "
                            + Ipv4.toText(host.ipv4Address()) + " in " + scope(subnetId));
                }
            } else {
                int subnetId = host.dhcp6SubnetId();
                if (await(other.get6(subnetId, host.identifierType(), host.identifier())).isPresent()) {
                    throw new Refused("Host not added: " + where + " already holds a reservation for "
                            + host.describe() + " in " + scope(subnetId));
                }
                for (var slot : host.ipv6Reservations()) {
                    if (await(other.get6ByAddress(subnetId, slot.prefix(), slot.prefixLength())).isPresent()) {
                        throw new Refused("Host not added: " + where + " already holds a reservation of " + slot
                                + " in " + scope(subnetId));
                    }
                }
            }
        }
    }

    /** The reservation as the configuration writes it, plus its {@code subnet-id}, as Kea answers. */
    private ObjectNode reservationJson(Host host, int subnetId) {
        OptionCatalog catalog = configuration.options();
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        if (subnetId >= 0) {
            json.put("subnet-id", subnetId);
        } else {
            json.put("subnet-id", Integer.toUnsignedLong(subnetId));
        }
        if (configuration.isDhcp4()) {
            Reservation4 r = HostReservations.toReservation4(host, catalog);
            json.put(r.identifierType(), r.identifier().toString());
            if (r.address() != 0) {
                json.put("ip-address", Ipv4.toText(r.address()));
            }
            json.put("hostname", r.hostname());
            json.put("next-server", Ipv4.toText(r.nextServer()));
            json.put("server-hostname", r.serverHostname());
            json.put("boot-file-name", r.bootFileName());
            classes(json, r.classes());
            options(json, r.options(), "dhcp4");
        } else {
            Reservation6 r = HostReservations.toReservation6(host, catalog);
            json.put(r.identifierType(), r.identifier().toString());
            ArrayNode addresses = json.putArray("ip-addresses");
            r.addresses().forEach(a -> addresses.add(a.toText()));
            ArrayNode prefixes = json.putArray("prefixes");
            r.prefixes().forEach(p -> prefixes.add(p.prefix().toText() + "/" + p.length()));
            json.put("hostname", r.hostname());
            classes(json, r.classes());
            options(json, r.options(), "dhcp6");
        }
        return json;
    }

    private static void classes(ObjectNode json, List<String> classes) {
        ArrayNode list = json.putArray("client-classes");
        classes.forEach(list::add);
    }

    /** Each option as hex {@code data} with {@code csv-format} false: exactly the bytes served. */
    private static void options(ObjectNode json, List<ConfiguredOption> options, String space) {
        ArrayNode list = json.putArray("option-data");
        for (ConfiguredOption o : options) {
            ObjectNode option = list.addObject();
            option.put("code", o.code());
            if (o.name() != null) {
                option.put("name", o.name());
            }
            option.put("space", space);
            option.put("data", HEX.formatHex(o.payload()));
            option.put("csv-format", false);
            option.put("always-send", o.alwaysSend());
        }
    }

    private String section() {
        return configuration.isDhcp4() ? "Dhcp4" : "Dhcp6";
    }

    private static String scope(int subnetId) {
        return subnetId == 0 ? "the global reservations" : "subnet " + Integer.toUnsignedString(subnetId);
    }

    private static ObjectNode answer(int result, String text) {
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.put("result", result);
        answer.put("text", text);
        return answer;
    }

    /** The future's value; its failure as the IOException (or IllegalArgumentException) it is. */
    private static <T> T await(CompletableFuture<T> future) throws IOException {
        try {
            return future.get(DATABASE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the hosts database", e);
        } catch (TimeoutException e) {
            throw new IOException("the hosts database did not answer within " + DATABASE_SECONDS + " s", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof IllegalArgumentException bad) {
                throw bad;
            }
            throw new IOException(String.valueOf(cause), cause);
        }
    }
}
