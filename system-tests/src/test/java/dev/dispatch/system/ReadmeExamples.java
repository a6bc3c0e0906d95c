package dev.dispatch.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command examples of README.md that a user follows after {@code bin/run}: every {@code ```bash} block of the
 * sections "Tokens for the local run" and "Try it" (with its subsections), in order. A block that cannot run unattended
 * (a browser, an interactive client, a stream that runs until Ctrl-C) says so on the line before its fence, where a
 * reader sees it: {@code <!-- example: not run (why) -->}.
 */
final class ReadmeExamples {

    static final Set<String> SECTIONS = Set.of("## Tokens for the local run", "## Try it");
    private static final Pattern NOT_RUN = Pattern.compile("<!--\\s*example:\\s*not run\\s*\\((.+)\\)\\s*-->");
    private static final String FENCE = "```";

    private ReadmeExamples() {
    }

    static List<ReadmeExample> in(Path readme) throws IOException {
        return parse(Files.readString(readme));
    }

    static List<ReadmeExample> parse(String markdown) {
        List<ReadmeExample> examples = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        String section = "";
        String heading = "";
        String notRun = null;
        int notRunLine = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].stripTrailing();
            if (line.startsWith(FENCE)) {
                int end = closingFence(lines, i);
                boolean example = SECTIONS.contains(section) && line.equals(FENCE + "bash");
                if (notRun != null && !example) {
                    throw new IllegalArgumentException("README.md line " + notRunLine + ": a not-run marker must come right "
                            + "before a ```bash block of " + SECTIONS);
                }
                if (example) {
                    examples.add(new ReadmeExample(i + 1, heading, List.of(lines).subList(i + 1, end).stream()
                            .map(String::stripTrailing).toList(), notRun));
                }
                notRun = null;
                i = end;
                continue;
            }
            Matcher marker = NOT_RUN.matcher(line.strip());
            if (marker.matches()) {
                notRun = marker.group(1).strip();
                notRunLine = i + 1;
            } else if (line.strip().startsWith("<!-- example")) {
                throw new IllegalArgumentException("README.md line " + (i + 1) + ": write the marker as "
                        + "<!-- example: not run (why) -->");
            } else if (!line.isBlank() && notRun != null) {
                throw new IllegalArgumentException("README.md line " + notRunLine + ": a not-run marker must come right "
                        + "before a ```bash block");
            }
            if (line.startsWith("## ")) {
                section = line;
                heading = line;
            } else if (line.startsWith("### ")) {
                heading = line;
            }
        }
        return examples;
    }

    private static int closingFence(String[] lines, int opening) {
        for (int i = opening + 1; i < lines.length; i++) {
            if (lines[i].stripTrailing().equals(FENCE)) {
                return i;
            }
        }
        throw new IllegalArgumentException("README.md line " + (opening + 1) + ": the code block is never closed");
    }
}
