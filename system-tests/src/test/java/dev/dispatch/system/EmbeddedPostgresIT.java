package dev.dispatch.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A machine without PostgreSQL: {@code bin/run} and {@code bin/test} start an embedded one of their own (dev-postgres).
 * Each runs in a user and network namespace of its own ({@code unshare -rn}) that has only loopback, so the machine's
 * server at 127.0.0.1:5432 is out of reach, and so are the processes in there from this JVM: the steps and their checks
 * run in there, by in-namespace.sh, which reports {@code result.KEY=VALUE} lines.
 */
class EmbeddedPostgresIT {

    private static final Path ROOT = Path.of(System.getProperty("dispatch.root", "..")).toAbsolutePath().normalize();
    private static final Path WORK = Path.of(System.getProperty("dispatch.run-dir", "target/run")).toAbsolutePath()
            .resolveSibling("embedded-postgres");
    private static final Path RUN_DIR = WORK.resolve("run");
    /** In the namespace, where 5432 is free: the row bin/run prints for its own server. */
    private static final String EMBEDDED_ROW =
            "PostgreSQL  127.0.0.1:5432 .*embedded \\(zonky, PostgreSQL 14\\.\\d+\\): data in .*/postgres; install a server or set DISPATCH_DB_HOST to use your own";
    private static final Set<String> DIRS_NOT_COPIED = Set.of("target", "node_modules", ".dispatch", ".git");

    private Process step;

    @BeforeAll
    static void requireNetworkNamespaces() throws Exception {
        Process probe = new ProcessBuilder("unshare", "-rn", "true").redirectErrorStream(true).start();
        String said = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assumeTrue(probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0,
                "skipped: this machine cannot make a user and network namespace (unshare -rn true: " + said
                        + "), and without one the machine's own PostgreSQL would answer");
    }

    @Test
    void binRunStartsItsOwnPostgresWhenNoneAnswersAndKeepsTheDataForTheNextRun() throws Exception {
        deleteRecursively(WORK);
        Files.createDirectories(RUN_DIR);

        Map<String, String> placed = inNamespace(ROOT, "place");
        List<String> firstRun = Files.readAllLines(WORK.resolve("run-place.out"));
        assertThat(placed).as("bin/run came up on its own PostgreSQL (its output is above)").containsEntry("ready", "true");
        assertThat(firstRun).as("the table names the embedded server").anyMatch(line -> line.trim().matches(EMBEDDED_ROW));
        assertThat(firstRun).as("the databases are made on it").contains("Created database orders", "Created database payments");
        assertThat(placed).containsEntry("http", "201").containsEntry("status", "PAID").containsEntry("stopped", "143");
        assertThat(Files.readString(RUN_DIR.resolve("postgres/PG_VERSION")).trim()).as("the data lives in the run's folder")
                .isEqualTo("14");
        assertThat(RUN_DIR.resolve("postgres/postmaster.pid")).as("the server stopped with bin/run").doesNotExist();
        String order = placed.get("order");
        assertThat(order).isNotBlank();

        Map<String, String> again = inNamespace(ROOT, "read", order);
        List<String> secondRun = Files.readAllLines(WORK.resolve("run-read.out"));
        assertThat(again).containsEntry("ready", "true");
        assertThat(secondRun).anyMatch(line -> line.trim().matches(EMBEDDED_ROW));
        assertThat(secondRun).as("the databases are still there").noneMatch(line -> line.startsWith("Created database"));
        assertThat(again).as("the order of the first run, from the same data").containsEntry("status", "PAID")
                .containsEntry("stopped", "143");
        assertThat(RUN_DIR.resolve("postgres/postmaster.pid")).doesNotExist();
    }

    @Test
    void binTestRunsTheTestsOnItsOwnPostgresWhenNoneAnswers() throws Exception {
        // A copy of the sources, so that building there leaves this build's modules and jars alone.
        Path tree = WORK.resolve("tree");
        deleteRecursively(tree);
        copySources(ROOT, tree);

        // platform's OutboxStoreTest makes a fresh database through test-support's PostgresTestResource.
        Map<String, String> result = inNamespace(tree, "test", "-o", "-q", "-pl", "platform", "-am",
                "-Dtest=OutboxStoreTest", "-Dsurefire.failIfNoSpecifiedTests=false");
        assertThat(result).as("bin/test passed (its output is above)").containsEntry("test", "0");
        Path report = tree.resolve("platform/target/surefire-reports/TEST-dev.dispatch.platform.outbox.OutboxStoreTest.xml");
        assertThat(report).exists();
        assertThat(Files.readString(report)).containsPattern("tests=\"[1-9]\\d*\"").contains("failures=\"0\"", "errors=\"0\"");
        assertThat(lastRunsData(result)).as("bin/test deletes its server's data").doesNotExist();
    }

    @AfterEach
    void stopWhatIsLeft() {
        if (step != null && step.isAlive()) {
            step.descendants().forEach(ProcessHandle::destroyForcibly);
            step.destroyForcibly();
        }
    }

    /** Runs a step of in-namespace.sh in a namespace of its own, prints its output, returns its results. */
    private Map<String, String> inNamespace(Path root, String name, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("unshare", "-rn", "bash", script().toString(),
                root.toString(), RUN_DIR.toString(), name));
        command.addAll(List.of(args));
        step = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).start();
        Map<String, String> results = new TreeMap<>();
        List<String> output = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(step.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                output.add(line);
                System.out.println("[" + name + "] " + line);
                if (line.startsWith("result.") && line.contains("=")) {
                    results.put(line.substring("result.".length(), line.indexOf('=')), line.substring(line.indexOf('=') + 1));
                }
            }
        }
        assertThat(step.waitFor(15, TimeUnit.MINUTES)).as(name + " finished").isTrue();
        printRunOutput(name);
        results.put("output", String.join("\n", output));
        return results;
    }

    private static void printRunOutput(String name) throws IOException {
        Path out = WORK.resolve("run-" + name + ".out");
        if (Files.exists(out)) {
            Files.readAllLines(out).forEach(line -> System.out.println("[" + name + ": bin/run] " + line));
        }
    }

    /** The folder bin/test named in its first line. */
    private static Path lastRunsData(Map<String, String> result) {
        String output = result.get("output");
        int at = output.indexOf("data in ");
        assertThat(at).as("bin/test says where its server's data is").isGreaterThanOrEqualTo(0);
        return Path.of(output.substring(at + "data in ".length()).split(" ")[0]);
    }

    private static Path script() throws URISyntaxException {
        return Path.of(EmbeddedPostgresIT.class.getResource("/embedded-postgres/in-namespace.sh").toURI());
    }

    private static void copySources(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                if (!dir.equals(from) && DIRS_NOT_COPIED.contains(dir.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                // COPY_ATTRIBUTES keeps mvnw and bin/* executable.
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
