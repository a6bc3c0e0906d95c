package dev.dispatch.simulator.load;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;

/** Just enough of the Prometheus text exposition format to read counters. */
public final class PrometheusText {

    private PrometheusText() {
    }

    /**
     * The sum of every sample of {@code metric} whose labels include {@code labels}; empty when
     * there is no such sample (the service does not report it, or not yet).
     */
    public static OptionalDouble sum(String exposition, String metric, Map<String, String> labels) {
        double total = 0;
        boolean found = false;
        for (String raw : exposition.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || !line.startsWith(metric)) {
                continue;
            }
            int rest = metric.length();
            if (rest < line.length() && line.charAt(rest) != '{' && line.charAt(rest) != ' ') {
                continue; // another metric with this one's name as prefix
            }
            Map<String, String> sampleLabels = new HashMap<>();
            if (rest < line.length() && line.charAt(rest) == '{') {
                int close = parseLabels(line, rest + 1, sampleLabels);
                if (close < 0) {
                    continue;
                }
                rest = close + 1;
            }
            if (!sampleLabels.entrySet().containsAll(labels.entrySet())) {
                continue;
            }
            String[] valueAndTime = line.substring(rest).strip().split("\\s+");
            try {
                total += Double.parseDouble(valueAndTime[0]);
                found = true;
            } catch (NumberFormatException ignored) {
                // not a sample line after all
            }
        }
        return found ? OptionalDouble.of(total) : OptionalDouble.empty();
    }

    // name="value",... up to the closing brace; returns its index, or -1 if the line is cut.
    private static int parseLabels(String line, int from, Map<String, String> into) {
        int i = from;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '}') {
                return i;
            }
            if (c == ',' || c == ' ') {
                i++;
                continue;
            }
            int eq = line.indexOf('=', i);
            if (eq < 0 || eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
                return -1;
            }
            String name = line.substring(i, eq).strip();
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            while (j < line.length() && line.charAt(j) != '"') {
                if (line.charAt(j) == '\\' && j + 1 < line.length()) {
                    char escaped = line.charAt(++j);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(line.charAt(j));
                }
                j++;
            }
            if (j >= line.length()) {
                return -1;
            }
            into.put(name, value.toString());
            i = j + 1;
        }
        return -1;
    }
}
