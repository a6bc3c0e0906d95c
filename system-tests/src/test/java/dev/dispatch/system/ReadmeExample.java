package dev.dispatch.system;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One {@code ```bash} block of README.md: the line its fence is on, the heading it is under, its code, and why it is
 * not run if the README says so. A comment line {@code # => TEXT} between commands shows what the commands above it
 * (since the previous such line) print: one line of their output is TEXT, where {@code ...} or {@code …} stands for
 * anything.
 */
record ReadmeExample(int line, String heading, List<String> code, String notRunBecause) {

    static final String PRINTS = "# =>";

    boolean runs() {
        return notRunBecause == null;
    }

    /** The code cut after each group of {@code # =>} lines; the last step may expect nothing. */
    List<Step> steps() {
        List<Step> steps = new ArrayList<>();
        List<String> commands = new ArrayList<>();
        List<String> prints = new ArrayList<>();
        for (String codeLine : code) {
            String trimmed = codeLine.strip();
            if (trimmed.startsWith(PRINTS)) {
                prints.add(trimmed.substring(PRINTS.length()).strip());
                continue;
            }
            if (!prints.isEmpty()) {
                steps.add(new Step(commands, prints));
                commands = new ArrayList<>();
                prints = new ArrayList<>();
            }
            commands.add(codeLine);
        }
        if (!commands.isEmpty() || !prints.isEmpty()) {
            steps.add(new Step(commands, prints));
        }
        return steps;
    }

    String where() {
        return "README.md line " + line + " (" + heading + ")";
    }

    /** Commands, then what their output must show. */
    record Step(List<String> commands, List<String> prints) {

        /** The expected lines that no line of this output matches. */
        List<String> unmetIn(List<String> output) {
            return prints.stream().filter(expected -> output.stream().noneMatch(line -> matches(expected, line))).toList();
        }
    }

    static boolean matches(String expected, String line) {
        String[] literal = expected.split("\\.\\.\\.|…", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < literal.length; i++) {
            regex.append(i == 0 ? "" : ".*").append(Pattern.quote(literal[i]));
        }
        // -i shows HTTP headers with their CRLF
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(line.strip()).matches();
    }
}
