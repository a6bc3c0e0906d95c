package dev.dispatch.system;

import java.util.ArrayList;
import java.util.List;

/**
 * The README's runnable examples as one bash script, in the README's order, so that what one defines (ALICE, ORDER,
 * KEY) the next one uses, as in the reader's shell. It runs under {@code set -euo pipefail}: the examples that show an
 * error do it with {@code curl -s}, which exits 0 whatever the status, so a command that fails is an example that
 * drifted. Marker lines printed between the steps cut the output into each step's part.
 */
final class ExampleScript {

    private static final String START = "@@readme-example ";
    private static final String STEP = "@@readme-step";
    private static final String END = "@@readme-example-end ";

    private final List<ReadmeExample> examples;

    ExampleScript(List<ReadmeExample> examples) {
        this.examples = examples.stream().filter(ReadmeExample::runs).toList();
    }

    List<ReadmeExample> examples() {
        return examples;
    }

    String text() {
        StringBuilder script = new StringBuilder("set -euo pipefail\n");
        for (int i = 0; i < examples.size(); i++) {
            script.append(marker(START + i));
            for (ReadmeExample.Step step : examples.get(i).steps()) {
                step.commands().forEach(line -> script.append(line).append('\n'));
                script.append(marker(STEP));
            }
            script.append(marker(END + i));
        }
        return script.toString();
    }

    /** Each example with what its run printed, step by step; an example the script did not get to has no steps. */
    List<Outcome> outcomes(List<String> output) {
        List<List<List<String>>> printed = new ArrayList<>();
        List<Boolean> finished = new ArrayList<>();
        examples.forEach(e -> {
            printed.add(new ArrayList<>());
            finished.add(false);
        });
        List<String> part = null;
        int current = -1;
        for (String line : output) {
            if (line.startsWith(START)) {
                current = Integer.parseInt(line.substring(START.length()).strip());
                part = new ArrayList<>();
            } else if (line.startsWith(END)) {
                finished.set(Integer.parseInt(line.substring(END.length()).strip()), true);
                part = null;
            } else if (line.equals(STEP) && part != null) {
                printed.get(current).add(part);
                part = new ArrayList<>();
            } else if (part != null) {
                part.add(line);
            }
        }
        if (part != null && current >= 0) {
            printed.get(current).add(part); // the step it stopped in
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            outcomes.add(new Outcome(examples.get(i), finished.get(i), printed.get(i)));
        }
        return outcomes;
    }

    private static String marker(String text) {
        return "printf '\\n%s\\n' '" + text + "'\n";
    }

    /** One example's run: whether it got to its end, and what each of its steps printed. */
    record Outcome(ReadmeExample example, boolean finished, List<List<String>> printed) {

        boolean started() {
            return !printed.isEmpty();
        }

        /** What went wrong, in words, or nothing. */
        List<String> problems() {
            List<String> problems = new ArrayList<>();
            if (started() && !finished) {
                problems.add("it stopped with a failing command (the script runs with set -euo pipefail)");
            }
            List<ReadmeExample.Step> steps = example.steps();
            for (int i = 0; i < Math.min(steps.size(), printed.size()); i++) {
                if (i == printed.size() - 1 && !finished) {
                    break; // the step that failed printed what it got to
                }
                for (String unmet : steps.get(i).unmetIn(printed.get(i))) {
                    problems.add("no line of the output of step " + (i + 1) + " is `" + unmet + "`");
                }
            }
            return problems;
        }

        String report() {
            StringBuilder text = new StringBuilder(example.where()).append(":\n");
            problems().forEach(p -> text.append("  - ").append(p).append('\n'));
            for (int i = 0; i < printed.size(); i++) {
                text.append("  output of step ").append(i + 1).append(":\n");
                printed.get(i).stream().filter(line -> !line.isEmpty())
                        .forEach(line -> text.append("    | ").append(line.stripTrailing()).append('\n'));
            }
            return text.toString();
        }
    }
}
