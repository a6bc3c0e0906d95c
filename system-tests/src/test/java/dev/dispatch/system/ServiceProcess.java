package dev.dispatch.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;

/** One service of the system, started from its built artifact as a separate JVM, as in production. */
final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String module;
    private final String name;
    private final int port;
    private final Path jar;
    private final Path log;
    private final Map<String, String> env;
    private Process process;

    /** An instance {@code name} of the service built in module {@code module} (several instances may share one). */
    ServiceProcess(String module, String name, int port, Path root, Path logDir, Map<String, String> env) {
        this.module = module;
        this.name = name;
        this.port = port;
        this.jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        this.log = logDir.resolve(name + ".log");
        this.env = env;
    }

    String name() {
        return name;
    }

    /** The service this is an instance of. */
    String module() {
        return module;
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    int port() {
        return port;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    ServiceProcess start() throws IOException {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build the system first (./mvnw package)");
        }
        List<String> command = new ArrayList<>(List.of("java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
                "-Dquarkus.http.port=" + port, "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        process = builder.start();
        return this;
    }

    /** Waits until /q/health/ready answers 200, failing fast (with the log's tail) if the process dies. */
    ServiceProcess awaitReady(Duration atMost) {
        Awaitility.await(name + " ready").atMost(atMost).pollInterval(Duration.ofMillis(300))
                .failFast(name + " exited during start-up; see " + log, () -> !process.isAlive())
                .until(this::ready);
        return this;
    }

    boolean ready() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** As a crash: no shutdown hooks, no goodbye. */
    void kill() {
        if (process != null) {
            process.destroyForcibly();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !process.isAlive());
        }
    }

    void stop() {
        if (process != null && process.isAlive()) {
            process.toHandle().destroy();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive());
        }
    }
}
