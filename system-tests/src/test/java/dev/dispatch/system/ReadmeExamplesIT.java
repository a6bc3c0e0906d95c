package dev.dispatch.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

/**
 * The README is executed: its examples of "Tokens for the local run" and "Try it", read from README.md now, run as
 * they are written in one bash, in order, against a real {@code bin/run} started as "Couriers over MQTT" starts it
 * ({@code --simulate 3}: the examples dispatch to courier-1 and read its telemetry). An example that fails, or whose
 * output lacks a line its {@code # =>} comments show, fails this test; so does a README with fewer runnable examples
 * than today's, so that a broken parser cannot pass by running nothing.
 */
class ReadmeExamplesIT {

    /** As many as README.md runs today; more are welcome. */
    static final int AT_LEAST = 8;
    private static final Duration EXAMPLES_TIMEOUT = Duration.ofMinutes(5);
    private static final Path RUN_DIR =
            Path.of(System.getProperty("dispatch.run-dir", "target/run")).toAbsolutePath().resolve("readme-examples");

    private final SystemDatabases databases = new SystemDatabases();
    private final BinRun run = new BinRun(RUN_DIR);
    private Process bash;

    @Test
    void everyExampleRunsAndPrintsWhatTheReadmeShows() throws Exception {
        List<ReadmeExample> examples = ReadmeExamples.in(DispatchSystem.ROOT.resolve("README.md"));
        examples.stream().filter(e -> !e.runs())
                .forEach(e -> System.out.println("[readme] not run: " + e.where() + ": " + e.notRunBecause()));
        ExampleScript script = new ExampleScript(examples);
        assertThat(script.examples()).as("the README's runnable examples").hasSizeGreaterThanOrEqualTo(AT_LEAST);

        deleteRecursively(RUN_DIR); // a broker journal of an earlier run would replay its events into fresh databases
        run.start(databases, "--simulate", "3").awaitRunning(Duration.ofMinutes(4));
        awaitCourierOnline();

        Path file = RUN_DIR.resolve("readme-examples.sh");
        Files.writeString(file, script.text());
        List<String> output = runScript(file);

        List<ExampleScript.Outcome> outcomes = script.outcomes(output);
        String failures = outcomes.stream().filter(o -> !o.problems().isEmpty()).map(ExampleScript.Outcome::report)
                .collect(Collectors.joining("\n"));
        assertThat(failures).as("README examples that do not do what the README says (script: " + file + ")").isEmpty();
        assertThat(outcomes).as("every runnable example ran to its end; the last of the script's output:\n"
                + String.join("\n", output.subList(Math.max(0, output.size() - 40), output.size())))
                .allMatch(ExampleScript.Outcome::finished);
        assertThat(run.isAlive()).as("bin/run is still up after the examples").isTrue();
    }

    @AfterEach
    void tearDown() {
        if (bash != null && bash.isAlive()) {
            bash.descendants().forEach(ProcessHandle::destroyForcibly);
            bash.destroyForcibly();
        }
        try {
            run.close();
        } finally {
            databases.dropAll();
        }
    }

    /** As a reader who just started the couriers waits to see them: courier-1 online and reporting. */
    private void awaitCourierOnline() throws Exception {
        ProcessBuilder token = new ProcessBuilder(DispatchSystem.ROOT.resolve("bin/token").toString(), "operator", "readme-examples")
                .directory(DispatchSystem.ROOT.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT);
        token.environment().putAll(run.environment(databases));
        Process signing = token.start();
        String operator = new String(signing.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(signing.waitFor()).as("bin/token").isZero();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest devices = HttpRequest.newBuilder(URI.create("http://127.0.0.1:8080/api/devices?status=ONLINE"))
                .header("Authorization", "Bearer " + operator).timeout(Duration.ofSeconds(10)).build();
        await("courier-1 online with a reading").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    HttpResponse<String> answer = http.send(devices, HttpResponse.BodyHandlers.ofString());
                    return answer.statusCode() == 200 && JsonPath.from(answer.body())
                            .getList("items.findAll { it.latest != null }.id").contains("courier-1");
                });
    }

    private List<String> runScript(Path file) throws Exception {
        // No terminal: an example that would wait for typed input reads an end of file instead.
        ProcessBuilder builder = new ProcessBuilder("bash", file.toString()).directory(DispatchSystem.ROOT.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).redirectErrorStream(true);
        builder.environment().putAll(run.environment(databases));
        bash = builder.start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(bash.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    output.add(line);
                    System.out.println("[readme] " + line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "readme-examples-output");
        reader.start();
        assertThat(bash.waitFor(EXAMPLES_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                .as("the examples ended within " + EXAMPLES_TIMEOUT + " (one waits for something that never comes?); output:\n"
                        + String.join("\n", output))
                .isTrue();
        reader.join(Duration.ofSeconds(10).toMillis());
        return List.copyOf(output);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
