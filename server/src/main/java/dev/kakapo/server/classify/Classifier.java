package dev.kakapo.server.classify;

import dev.kakapo.protocol.eval.EvaluationException;
import dev.kakapo.protocol.eval.PacketView;
import dev.kakapo.protocol.eval.Universe;
import dev.kakapo.protocol.v4.Message4;
import dev.kakapo.protocol.v4.OptionCode4;
import dev.kakapo.protocol.v6.OptionCode6;
import dev.kakapo.server.config.ClientClass;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Puts each packet's client into classes (Kea's classifyPacket): the built-in ones first
 * ({@code ALL}, {@code VENDOR_CLASS_...}, {@code UNKNOWN} until host reservations make a client
 * {@code KNOWN}), then every configured class with a test, in configuration order, so a test may
 * ask {@code member()} of any class before it. Classes marked only-if-required wait for
 * {@link #require}. A test that fails to evaluate (an address conversion of the wrong length, say)
 * means "not a member": counted, and logged once per class.
 */
public final class Classifier {
    private static final Logger LOG = System.getLogger("dev.kakapo.server.classify");
    private static final String VENDOR_CLASS = "VENDOR_CLASS_";
    /** DHCPv6 vendor classes Kea names on their own whichever tuple they are in. */
    private static final List<String> DOCSIS_VENDOR_CLASSES = List.of("docsis3.0", "eRouter1.0");

    private final List<ClientClass> classes;
    private final Universe universe;
    private final LongAdder evaluationFailures = new LongAdder();
    private final Set<String> failureLogged = ConcurrentHashMap.newKeySet();

    public Classifier(List<ClientClass> classes, Universe universe) {
        this.classes = List.copyOf(classes);
        this.universe = universe;
    }

    /** The classes the packet's client is in before a subnet is chosen. */
    public Classification classify(PacketView packet) {
        Set<String> names = new LinkedHashSet<>();
        names.add("ALL");
        String vendorClass = vendorClass(packet);
        if (vendorClass != null) {
            names.add(VENDOR_CLASS + vendorClass);
        }
        names.add("UNKNOWN");
        List<ClientClass> matched = new ArrayList<>();
        for (ClientClass c : classes) {
            if (c.test() != null && !c.onlyWhenRequired() && test(c, packet, names)) {
                names.add(c.name());
                matched.add(c);
            }
        }
        return new Classification(names, matched);
    }

    /**
     * {@code classification} plus the {@code required} classes (a chosen subnet's or pool's
     * require-client-classes) whose tests hold; classes already decided are not evaluated again.
     */
    public Classification require(Classification classification, List<String> required, PacketView packet) {
        if (required.isEmpty()) {
            return classification;
        }
        Set<String> names = new LinkedHashSet<>(classification.names());
        Set<String> added = new LinkedHashSet<>();
        List<ClientClass> matched = new ArrayList<>();
        for (ClientClass c : classes) {
            if (!required.contains(c.name()) || names.contains(c.name())) {
                continue;
            }
            // A required class without a test is one the subnet or pool simply puts its clients in.
            if (c.test() == null || test(c, packet, names)) {
                names.add(c.name());
                added.add(c.name());
                matched.add(c);
            }
        }
        return added.isEmpty() ? classification : classification.plus(added, matched);
    }

    /**
     * {@code classification} for a client that has a host reservation: {@code KNOWN} instead of
     * {@code UNKNOWN}, the classes whose tests ask about KNOWN or UNKNOWN decided again (as Kea
     * does after the host lookup), and the classes the reservation names.
     */
    public Classification known(Classification classification, List<String> hostClasses, PacketView packet) {
        Set<String> names = new LinkedHashSet<>(classification.names());
        names.remove("UNKNOWN");
        names.add("KNOWN");
        List<ClientClass> matched = new ArrayList<>();
        for (ClientClass c : classes) {
            boolean was = classification.names().contains(c.name());
            boolean is = was;
            if (c.test() != null && !c.onlyWhenRequired() && dependsOnKnown(c)) {
                is = test(c, packet, names);
            }
            if (hostClasses.contains(c.name())) {
                is = true;
            }
            if (is) {
                names.add(c.name());
                matched.add(c);
            } else {
                names.remove(c.name());
            }
        }
        return new Classification(names, matched);
    }

    private static boolean dependsOnKnown(ClientClass c) {
        Set<String> referenced = c.test().referencedClasses();
        return referenced.contains("KNOWN") || referenced.contains("UNKNOWN");
    }

    /** Tests that could not be evaluated since start-up. */
    public long evaluationFailures() {
        return evaluationFailures.sum();
    }

    private boolean test(ClientClass c, PacketView packet, Set<String> names) {
        try {
            return c.test().matches(packet, names::contains);
        } catch (EvaluationException e) {
            evaluationFailures.increment();
            if (failureLogged.add(c.name())) {
                LOG.log(Level.WARNING, "event=class-test-failed class={0} reason={1} (logged once per class)",
                        c.name(), e.getMessage());
            }
            return false;
        }
    }

    /** Option 60's text (DHCPv4), or the DHCPv6 vendor class Kea picks from option 16's tuples; null when none. */
    private String vendorClass(PacketView packet) {
        if (packet instanceof PacketView.Dhcp4 v4) {
            Message4 m = v4.message();
            byte[] id = m.options().get(OptionCode4.VENDOR_CLASS_ID);
            return id == null || id.length == 0 ? null : new String(id, StandardCharsets.ISO_8859_1);
        }
        if (packet instanceof PacketView.Dhcp6 v6 && universe == Universe.DHCP6) {
            byte[] option = v6.packet().message().options().first(OptionCode6.VENDOR_CLASS);
            return option == null ? null : vendorClass6(option);
        }
        return null;
    }

    /** Option 16: enterprise number (4 bytes), then tuples of a 2-byte length and data. */
    private static String vendorClass6(byte[] data) {
        List<String> tuples = new ArrayList<>();
        int at = 4;
        while (at + 2 <= data.length) {
            int length = ((data[at] & 0xff) << 8) | (data[at + 1] & 0xff);
            if (at + 2 + length > data.length) {
                break;
            }
            tuples.add(new String(data, at + 2, length, StandardCharsets.ISO_8859_1));
            at += 2 + length;
        }
        for (String special : DOCSIS_VENDOR_CLASSES) {
            if (tuples.contains(special)) {
                return special;
            }
        }
        return tuples.isEmpty() || tuples.get(0).isEmpty() ? null : tuples.get(0);
    }
}
