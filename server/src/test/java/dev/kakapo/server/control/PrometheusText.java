package dev.kakapo.server.control;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of Prometheus's text format 0.0.4: every line is a comment, a HELP or TYPE
 * line, or a sample whose family was typed before it; anything else fails the read.
 */
final class PrometheusText {
    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final String LABEL = "[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\"";
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(?:\\{((?:" + LABEL + ")(?:," + LABEL + ")*,?)?\\})? "
            + "(NaN|[+-]Inf|[-+]?[0-9.]+(?:[eE][-+]?[0-9]+)?)(?: -?[0-9]+)?");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") .*");
    private static final Pattern ONE_LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;

    private PrometheusText(List<Sample> samples) {
        this.samples = samples;
    }

    static PrometheusText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        Set<String> typed = new HashSet<>();
        int lineNo = 0;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            if (line.isEmpty()) {
                continue;
            }
            Matcher t = TYPE.matcher(line);
            if (t.matches()) {
                if (!typed.add(t.group(1))) {
                    throw new IllegalArgumentException("line " + lineNo + ": family typed twice: " + line);
                }
                continue;
            }
            if (HELP.matcher(line).matches() || (line.startsWith("#") && !line.startsWith("# TYPE") && !line.startsWith("# HELP"))) {
                continue;
            }
            Matcher s = SAMPLE.matcher(line);
            if (!s.matches()) {
                throw new IllegalArgumentException("line " + lineNo + " is not a sample: " + line);
            }
            String name = s.group(1);
            if (typed.stream().noneMatch(f -> name.equals(f) || name.startsWith(f + "_"))) {
                throw new IllegalArgumentException("line " + lineNo + ": sample of an untyped family: " + line);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (s.group(2) != null) {
                Matcher l = ONE_LABEL.matcher(s.group(2));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            String v = s.group(3);
            double value = v.equals("NaN") ? Double.NaN : v.equals("+Inf") ? Double.POSITIVE_INFINITY
                    : v.equals("-Inf") ? Double.NEGATIVE_INFINITY : Double.parseDouble(v);
            samples.add(new Sample(name, labels, value));
        }
        return new PrometheusText(samples);
    }

    /** The value of the sample {@code name} whose labels include {@code labels} (pairs), if any. */
    Optional<Double> value(String name, String... labels) {
        return samples.stream().filter(s -> s.name().equals(name)).filter(s -> {
            for (int i = 0; i < labels.length; i += 2) {
                if (!labels[i + 1].equals(s.labels().get(labels[i]))) {
                    return false;
                }
            }
            return true;
        }).map(Sample::value).findFirst();
    }

    boolean hasFamily(String prefix) {
        return samples.stream().anyMatch(s -> s.name().startsWith(prefix));
    }
}
