package dev.dispatch.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How ReadmeExamplesIT reads the README and runs its examples, without a system: which blocks are examples, the
 * not-run marker, the {@code # =>} lines, and the one bash that runs them all.
 */
class ReadmeExamplesTest {

    private static final String README = """
            # Project

            ```bash
            bin/run
            ```

            ## Tokens for the local run

            ```bash
            GREETING=hello
            ```

            ## Try it

            ```bash
            echo "$GREETING world"
            # => hello world
            printf 'no newline: %s' 409
            # => no newline: 409
            printf 409
            # => 409
            echo '{"id":"c2fd","status":"PAID","total":2500}'
            # => {"id":"...","status":"PAID",...}
            # => {"id":"c2fd",…}
            ```

            ```
            plain output, not an example
            ```

            ### A subsection

            <!-- example: not run (runs until Ctrl-C) -->
            ```bash
            sleep infinity
            ```

            ```bash
            echo two steps; echo here
            # => here
            echo last, unchecked
            ```

            ## Another section

            ```bash
            echo not an example
            ```
            """;

    @Test
    void theBashBlocksOfTheTwoSectionsAreTheExamples() {
        List<ReadmeExample> examples = ReadmeExamples.parse(README);

        assertThat(examples).extracting(ReadmeExample::line).containsExactly(9, 15, 34, 38);
        assertThat(examples).extracting(ReadmeExample::heading)
                .containsExactly("## Tokens for the local run", "## Try it", "### A subsection", "### A subsection");
        assertThat(examples.get(2).runs()).isFalse();
        assertThat(examples.get(2).notRunBecause()).isEqualTo("runs until Ctrl-C");
        assertThat(examples.get(1).steps()).hasSize(4);
        assertThat(examples.get(1).steps().get(3).prints()).containsExactly("{\"id\":\"...\",\"status\":\"PAID\",...}",
                "{\"id\":\"c2fd\",…}");
        assertThat(examples.get(3).steps()).extracting(s -> s.prints().size()).containsExactly(1, 0);
    }

    @Test
    void aMarkerBelongsRightBeforeABashBlockOfTheSections() {
        assertThatThrownBy(() -> ReadmeExamples.parse("## Try it\n\n<!-- example: not run (why) -->\nSome text.\n"))
                .hasMessageContaining("line 3");
        assertThatThrownBy(() -> ReadmeExamples.parse("## Other\n\n<!-- example: not run (why) -->\n```bash\nx\n```\n"))
                .hasMessageContaining("line 3");
        assertThatThrownBy(() -> ReadmeExamples.parse("## Try it\n\n<!-- example: skip -->\n```bash\nx\n```\n"))
                .hasMessageContaining("<!-- example: not run (why) -->");
        assertThatThrownBy(() -> ReadmeExamples.parse("## Try it\n\n```bash\nx\n"))
                .hasMessageContaining("never closed");
    }

    @Test
    void threeDotsStandForAnything() {
        assertThat(ReadmeExample.matches("409", "409")).isTrue();
        assertThat(ReadmeExample.matches("409", "{\"at\":\"09.409\"}409")).isFalse();
        assertThat(ReadmeExample.matches("HTTP/1.1 201 Created", "HTTP/1.1 201 Created\r")).isTrue();
        assertThat(ReadmeExample.matches("{\"a\":...,\"b\":2}", "{\"a\":[1,{}],\"b\":2}")).isTrue();
        assertThat(ReadmeExample.matches("order-…@rooms", "order-1a2b@rooms")).isTrue();
        assertThat(ReadmeExample.matches("a.b*c", "aXb*c")).as("the rest is literal").isFalse();
    }

    @Test
    void oneBashRunsTheExamplesInOrderAndEachStepIsCheckedAgainstItsOwnOutput(@TempDir Path dir) throws Exception {
        ExampleScript script = new ExampleScript(ReadmeExamples.parse(README));

        List<ExampleScript.Outcome> outcomes = script.outcomes(run(script, dir));

        assertThat(outcomes).hasSize(3);
        assertThat(outcomes).allSatisfy(o -> {
            assertThat(o.finished()).as(o.report()).isTrue();
            assertThat(o.problems()).as(o.report()).isEmpty();
        });
    }

    @Test
    void aFailingCommandOrAMissingLineIsReportedWithItsPlaceInTheReadme(@TempDir Path dir) throws Exception {
        ExampleScript script = new ExampleScript(ReadmeExamples.parse("""
                ## Try it

                ```bash
                echo 'HTTP/1.1 400 Bad Request'
                # => HTTP/1.1 202 Accepted
                ```

                ```bash
                echo before
                false
                echo never
                # => never
                ```

                ```bash
                echo not reached
                ```
                """));

        List<ExampleScript.Outcome> outcomes = script.outcomes(run(script, dir));

        assertThat(outcomes.get(0).problems()).containsExactly("no line of the output of step 1 is `HTTP/1.1 202 Accepted`");
        assertThat(outcomes.get(0).report()).contains("README.md line 3 (## Try it)", "| HTTP/1.1 400 Bad Request");
        assertThat(outcomes.get(1).finished()).isFalse();
        assertThat(outcomes.get(1).problems()).containsExactly(
                "it stopped with a failing command (the script runs with set -euo pipefail)");
        assertThat(outcomes.get(1).report()).contains("README.md line 8", "| before");
        assertThat(outcomes.get(2).started()).isFalse();
    }

    @Test
    void anUnsetVariableStopsTheExample(@TempDir Path dir) throws Exception {
        ExampleScript script = new ExampleScript(ReadmeExamples.parse("## Try it\n\n```bash\necho \"$NOT_DEFINED\"\n```\n"));

        assertThat(script.outcomes(run(script, dir)).get(0).finished()).isFalse();
    }

    /** The examples of today's README.md are well-formed, and enough of them run. */
    @Test
    void theReadmeParses() throws IOException {
        List<ReadmeExample> examples = ReadmeExamples.in(DispatchSystem.ROOT.resolve("README.md"));

        assertThat(examples.stream().filter(ReadmeExample::runs)).hasSizeGreaterThanOrEqualTo(ReadmeExamplesIT.AT_LEAST);
        assertThat(examples).filteredOn(e -> !e.runs()).allSatisfy(e -> assertThat(e.notRunBecause()).isNotBlank());
    }

    private static List<String> run(ExampleScript script, Path dir) throws Exception {
        Path file = dir.resolve("examples.sh");
        Files.writeString(file, script.text());
        Process bash = new ProcessBuilder("bash", file.toString()).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        bash.waitFor();
        return output.lines().toList();
    }
}
