package dev.dispatch.system;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code bin/run} as a user starts it, on its fixed HTTP ports 8080–8085, with its files in a folder of the test's
 * and databases of its own; stopped as Ctrl-C stops it, and whatever it leaves behind killed.
 */
final class BinRun implements AutoCloseable {

    private final Path runDir;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private Process run;

    BinRun(Path runDir) {
        this.runDir = runDir;
    }

    /** The environment bin/run and bin/token need to find this run's files and databases. */
    Map<String, String> environment(SystemDatabases databases) {
        return Map.of("DISPATCH_RUN_DIR", runDir.toString(), "DISPATCH_DB_SUFFIX", databases.suffix());
    }

    BinRun start(SystemDatabases databases, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(DispatchSystem.ROOT.resolve("bin/run").toString()));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command).directory(DispatchSystem.ROOT.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment(databases));
        run = builder.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    output.add(line);
                    System.out.println("[bin/run] " + line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "bin-run-output");
        reader.setDaemon(true);
        reader.start();
        return this;
    }

    BinRun awaitRunning(Duration timeout) {
        await("bin/run ready").atMost(timeout).pollInterval(Duration.ofMillis(500))
                .failFast("bin/run exited before the system was ready (its output is above)", () -> !run.isAlive())
                .until(() -> output.stream().anyMatch(line -> line.startsWith("Dispatch is running")));
        return this;
    }

    boolean isAlive() {
        return run != null && run.isAlive();
    }

    List<String> output() {
        return List.copyOf(output);
    }

    /** SIGTERM, as Ctrl-C or kill would stop it, so that it stops what it started; then force what is left. */
    @Override
    public void close() {
        if (run == null) {
            return;
        }
        List<ProcessHandle> started = run.descendants().toList();
        run.toHandle().destroy();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> !run.isAlive());
        } finally {
            started.forEach(ProcessHandle::destroyForcibly);
            run.destroyForcibly();
        }
    }
}
