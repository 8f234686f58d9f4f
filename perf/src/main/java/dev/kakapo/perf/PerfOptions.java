package dev.kakapo.perf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line of {@code kakapo perf}: perfdhcp's option letters where they make sense, with
 * perfdhcp's meaning, plus a few long options for what perfdhcp cannot do.
 *
 * @param family          4 or 6
 * @param rate            new exchanges per second; 0 = as fast as possible
 * @param clients         distinct simulated clients (-R)
 * @param numRequests     stop after initiating this many first exchanges (-n), 0 = no limit
 * @param periodSeconds   stop after this many seconds (-p), 0 = no limit
 * @param dropSeconds     a request unanswered this long is a drop (-d)
 * @param maxDrops        abort after this many drops (-D N), -1 = no limit
 * @param maxDropPercent  abort when drops exceed this share (-D N%), -1 = no limit
 * @param local           -l: local address (v4) or interface name (v6)
 * @param localPort       -L: local port, 0 = the family default (67 for v4 relay traffic, 546 / 547 for v6)
 * @param serverPort      -N: the server's port, 0 = 67 / 547
 * @param server          the server address, or null for broadcast (v4) / ff02::1:2 (v6)
 * @param baseMac         -b mac=...
 * @param baseDuid        -b duid=..., or null to build DUID-LLs from the MACs
 * @param macListFile     -M: MACs to pick from, or null
 * @param relayLevel      -A: DHCPv6 relay encapsulation levels (0 or 1)
 * @param initialOnly     -i: DISCOVER-OFFER / SOLICIT-ADVERTISE only
 * @param rapidCommit     -c: DHCPv6 rapid commit
 * @param broadcastFlag   -B: DHCPv4 broadcast flag
 * @param renewRate       -f: renews per second
 * @param releaseRate     -F: releases per second
 * @param leaseType       -e: address-only, prefix-only, address-and-prefix
 * @param exitWaitMicros  -W: wait this long for late replies after the last request
 * @param reportSeconds   -t: periodic report interval, 0 = none
 * @param diagnostics     -x selectors
 * @param seed            -s: random seed, 0 = time based
 * @param threads         --threads: sender/receiver pairs sharing one local port (SO_REUSEPORT)
 * @param window          --window: without -r, at most this many requests in flight (0 = no limit)
 * @param json            --json: the final report as JSON on standard output
 * @param csvFile         --csv FILE: a per-second time series
 * @param pngFile         --png FILE: a chart of that time series
 */
public record PerfOptions(int family, double rate, int clients, long numRequests, double periodSeconds, double dropSeconds,
                          long maxDrops, double maxDropPercent, String local, int localPort, int serverPort, String server,
                          byte[] baseMac, byte[] baseDuid, Path macListFile, int relayLevel, boolean initialOnly,
                          boolean rapidCommit, boolean broadcastFlag, double renewRate, double releaseRate, String leaseType,
                          long exitWaitMicros, double reportSeconds, String diagnostics, long seed, int threads,
                          int window, boolean json, Path csvFile, Path pngFile, Map<String, Object> asGiven) {

    static final String USAGE = """
            usage: kakapo perf [-4|-6] [options] [server]
              -4 / -6            DHCPv4 (default) or DHCPv6
              -r RATE            new exchanges per second (default: as fast as possible)
              -R N               number of simulated clients (default 1)
              -n N               initiate N exchanges, then stop
              -p SECONDS         stop after this test period
              -d SECONDS         drop time: a request unanswered this long is lost (default 1)
              -D N | N%          abort after N drops, or when drops exceed N% (after 10 expected)
              -l ADDR | IFACE    DHCPv4: local address (used as giaddr); DHCPv6: interface to send on
              -L PORT            local port (default 67 for DHCPv4, 546 for DHCPv6, 547 with -A)
              -N PORT            server port (default 67 / 547)
              -b mac=M | duid=D  base MAC or DUID of the simulated clients
              -M FILE            MAC addresses to pick from, one per line
              -A 1               DHCPv6: send Relay-forward messages (one level)
              -i                 only the first exchange (DISCOVER-OFFER / SOLICIT-ADVERTISE)
              -c                 DHCPv6 rapid commit (SOLICIT-REPLY)
              -B                 DHCPv4 broadcast flag
              -f RATE / -F RATE  renew / release messages per second (with -r)
              -e TYPE            address-only (default), prefix-only or address-and-prefix (DHCPv6)
              -W MICROS          wait this long for late replies after the last request
              -t SECONDS         periodic report interval
              -x SELECTORS       diagnostics: a (arguments), e (exit reason), i (rate details), s (server id)
              -s SEED            random seed
              --threads N        sender/receiver pairs on one port (SO_REUSEPORT), default 1
              --window N         without -r: keep at most N requests in flight (default 256; 0 = no limit)
              --json             final report as JSON
              --csv FILE         per-second time series (CSV)
              --png FILE         chart of the time series (PNG)
              server             server address (default: 255.255.255.255 / ff02::1:2)""";

    /** Parses perfdhcp-style arguments; IllegalArgumentException names the option at fault. */
    public static PerfOptions parse(String[] args) {
        int family = 4;
        double rate = 0;
        int clients = 1;
        long num = 0;
        double period = 0;
        double drop = 1;
        long maxDrops = -1;
        double maxDropPercent = -1;
        String local = null;
        int localPort = 0;
        int serverPort = 0;
        String server = null;
        byte[] mac = {0x00, 0x0c, 0x01, 0x02, 0x03, 0x04};
        byte[] duid = null;
        Path macList = null;
        int relay = 0;
        boolean initial = false;
        boolean rapid = false;
        boolean bcast = false;
        double renew = 0;
        double release = 0;
        String leaseType = "address-only";
        long exitWait = 0;
        double report = 0;
        String diag = "";
        long seed = 0;
        int threads = 1;
        int window = 256;
        boolean json = false;
        Path csv = null;
        Path png = null;
        boolean macGiven = false;
        Map<String, Object> given = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("-") || a.equals("-")) {
                positional.add(a);
                continue;
            }
            String opt;
            String inline = null;
            if (a.startsWith("--")) {
                opt = a;
            } else {
                opt = a.substring(0, 2);
                inline = a.length() > 2 ? a.substring(2) : null;
            }
            switch (opt) {
                case "-4" -> family = 4;
                case "-6" -> family = 6;
                case "-i" -> initial = true;
                case "-c" -> rapid = true;
                case "-B" -> bcast = true;
                case "--json" -> json = true;
                case "-h", "--help" -> throw new HelpRequested();
                default -> {
                    String v = inline != null ? inline : value(args, ++i, opt);
                    given.put(opt, v);
                    switch (opt) {
                        case "-r" -> rate = positive(v, opt);
                        case "-R" -> clients = (int) range(v, opt, 1, Integer.MAX_VALUE);
                        case "-n" -> num = range(v, opt, 1, Long.MAX_VALUE);
                        case "-p" -> period = positive(v, opt);
                        case "-d" -> drop = positive(v, opt);
                        case "-D" -> {
                            if (v.endsWith("%")) {
                                maxDropPercent = positive(v.substring(0, v.length() - 1), opt);
                            } else {
                                maxDrops = range(v, opt, 1, Long.MAX_VALUE);
                            }
                        }
                        case "-l" -> local = v;
                        case "-L" -> localPort = (int) range(v, opt, 0, 65535);
                        case "-N" -> serverPort = (int) range(v, opt, 0, 65535);
                        case "-b" -> {
                            int eq = v.indexOf('=');
                            String kind = eq < 0 ? "" : v.substring(0, eq);
                            String value = eq < 0 ? "" : v.substring(eq + 1);
                            switch (kind) {
                                case "mac" -> {
                                    mac = hex(value, opt);
                                    if (mac.length != 6) {
                                        throw new IllegalArgumentException("-b mac= needs 6 bytes, like mac=00:0c:01:02:03:04; got '" + value + "'");
                                    }
                                    macGiven = true;
                                }
                                case "duid" -> duid = hex(value, opt);
                                default -> throw new IllegalArgumentException("-b takes mac=... or duid=..., not '" + v + "'");
                            }
                        }
                        case "-M" -> macList = Path.of(v);
                        case "-A" -> relay = (int) range(v, opt, 0, 1);
                        case "-f" -> renew = positive(v, opt);
                        case "-F" -> release = positive(v, opt);
                        case "-e" -> {
                            if (!List.of("address-only", "prefix-only", "address-and-prefix").contains(v)) {
                                throw new IllegalArgumentException("-e takes address-only, prefix-only or address-and-prefix, not '" + v + "'");
                            }
                            leaseType = v;
                        }
                        case "-W" -> exitWait = range(v, opt, 0, Long.MAX_VALUE);
                        case "-t" -> report = positive(v, opt);
                        case "-x" -> diag = v;
                        case "-s" -> seed = range(v, opt, 0, Long.MAX_VALUE);
                        case "--threads" -> threads = (int) range(v, opt, 1, 64);
                        case "--window" -> window = (int) range(v, opt, 0, InFlight.SIZE / 2);
                        case "--csv" -> csv = Path.of(v);
                        case "--png" -> png = Path.of(v);
                        default -> throw new IllegalArgumentException("unknown option '" + a + "'");
                    }
                }
            }
        }
        if (positional.size() > 1) {
            throw new IllegalArgumentException("one server address at most, got " + positional);
        }
        if (!positional.isEmpty()) {
            server = positional.get(0);
            given.put("server", server);
        }
        if (family == 4 && (rapid || relay > 0 || !leaseType.equals("address-only"))) {
            throw new IllegalArgumentException("-c, -A and -e prefix-only/address-and-prefix are DHCPv6 options: add -6");
        }
        if (family == 6 && bcast) {
            throw new IllegalArgumentException("-B is a DHCPv4 option");
        }
        if (macList != null && (macGiven || duid != null)) {
            throw new IllegalArgumentException("-M cannot be combined with -b");
        }
        if ((renew > 0 || release > 0) && (rate == 0 || renew + release > rate)) {
            throw new IllegalArgumentException("-f and -F need -r, and their sum must not exceed the -r rate");
        }
        if (family == 6 && local == null) {
            throw new IllegalArgumentException("DHCPv6 needs -l with the interface (or, with -A 1, the local address) to send from");
        }
        given.put("family", family);
        return new PerfOptions(family, rate, clients, num, period, drop, maxDrops, maxDropPercent, local, localPort, serverPort,
                server, mac, duid, macList, relay, initial, rapid, bcast, renew, release, leaseType, exitWait, report, diag, seed,
                threads, window, json, csv, png, given);
    }

    boolean wantsDiagnostic(char selector) {
        return diagnostics.indexOf(selector) >= 0;
    }

    /** -h: print the usage and exit 0. */
    static final class HelpRequested extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HelpRequested() {
            super(null, null, false, false);
        }
    }

    private static String value(String[] args, int i, String opt) {
        if (i >= args.length) {
            throw new IllegalArgumentException("option " + opt + " needs a value");
        }
        return args[i];
    }

    private static double positive(String v, String opt) {
        try {
            double d = Double.parseDouble(v);
            if (!(d > 0) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + opt + " needs a positive number, not '" + v + "'");
        }
    }

    private static long range(String v, String opt, long min, long max) {
        try {
            long n = Long.parseLong(v.strip());
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + opt + " needs a whole number " + min + ".." + max + ", not '" + v + "'");
        }
    }

    private static byte[] hex(String v, String opt) {
        String s = v.replace(":", "").replace("-", "");
        if (s.isEmpty() || s.length() % 2 != 0 || !s.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("option " + opt + " needs hex bytes like 00:0c:01:02:03:04, not '" + v + "'");
        }
        return java.util.HexFormat.of().parseHex(s);
    }
}
