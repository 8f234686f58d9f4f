package dev.kakapo.server.classify;

import dev.kakapo.protocol.eval.Expression;
import dev.kakapo.protocol.eval.ExpressionException;
import dev.kakapo.protocol.eval.OptionNames;
import dev.kakapo.protocol.eval.PacketView;
import dev.kakapo.protocol.eval.Transport;
import dev.kakapo.protocol.eval.Universe;
import dev.kakapo.protocol.v4.Message4;
import dev.kakapo.protocol.v4.MessageType4;
import dev.kakapo.protocol.v4.OptionCode4;
import dev.kakapo.server.config.ClientClass;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What classifying one relayed DHCPv4 DISCOVER costs against 20 classes of the usual kinds: vendor
 * class prefixes, relay circuit-id matches, MAC prefixes, and two combinations. The packet
 * is in five of them. Run as docs/benchmarks.md says (with {@code -prof gc} for bytes per packet).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ClassifierBench {
    private Classifier classifier;
    private PacketView packet;

    @Setup
    public void setUp() throws Exception {
        List<String> tests = new ArrayList<>();
        for (String vendor : new String[] {"PXEClient", "HW-Client", "docsis3.0", "MSFT 5.0", "udhcp 1.3", "Cisco AP c", "Mitel IP", "Polycom"}) {
            tests.add("substring(option[60].hex, 0, " + vendor.length() + ") == '" + vendor + "'");
        }
        for (int port = 1; port <= 6; port++) {
            tests.add("relay4[1].hex == 'ge-0/0/" + port + "'");
        }
        for (String prefix : new String[] {"0x001122", "0x00005e", "0x02005e", "0xf0debc"}) {
            tests.add("substring(pkt4.mac, 0, 3) == " + prefix);
        }
        tests.add("member('class-3') and relay4[1].hex == 'ge-0/0/4'");
        tests.add("not member('class-0') and option[12].exists");
        List<ClientClass> classes = new ArrayList<>();
        for (int i = 0; i < tests.size(); i++) {
            classes.add(new ClientClass("class-" + i, compile(tests.get(i)), false, List.of(), 0, "", ""));
        }
        classifier = new Classifier(classes, Universe.DHCP4);
        byte[] circuitId = "ge-0/0/4".getBytes(StandardCharsets.US_ASCII);
        byte[] agent = new byte[2 + circuitId.length];
        agent[0] = 1;
        agent[1] = (byte) circuitId.length;
        System.arraycopy(circuitId, 0, agent, 2, circuitId.length);
        Message4 discover = Message4.builder().op(1).htype(1).hops(1).xid(0x5eed)
                .chaddr(new byte[] {0x02, 0x00, 0x5e, 0x10, 0x20, 0x30}).giaddr(0xc6336401)
                .option(OptionCode4.MESSAGE_TYPE, new byte[] {(byte) MessageType4.DISCOVER.code()})
                .option(OptionCode4.VENDOR_CLASS_ID, "MSFT 5.0".getBytes(StandardCharsets.US_ASCII))
                .option(OptionCode4.HOST_NAME, "laptop".getBytes(StandardCharsets.US_ASCII))
                .option(OptionCode4.RELAY_AGENT_INFO, agent)
                .build();
        packet = PacketView.of(discover, new Transport("eth0", InetAddress.getByName("198.51.100.1"), 67,
                InetAddress.getByName("192.0.2.1"), 67, discover.encode().length));
        Classification check = classifier.classify(packet);
        if (check.matched().size() != 5 || !check.contains("class-3") || !check.contains("class-11")
                || !check.contains("class-16") || !check.contains("class-18") || !check.contains("class-19")) {
            throw new IllegalStateException("the benchmark packet should be in class-3, -11, -16, -18 and -19, not " + check);
        }
    }

    private static Expression compile(String test) throws ExpressionException {
        return Expression.compile(test, Universe.DHCP4, OptionNames.standard(Universe.DHCP4));
    }

    @Benchmark
    public Classification classifyAgainstTwentyClasses() {
        return classifier.classify(packet);
    }
}
