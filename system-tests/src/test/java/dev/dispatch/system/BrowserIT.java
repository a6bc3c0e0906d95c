package dev.dispatch.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The web pages in a real browser: the system as bin/run starts it (broker, coturn, the five services, web with the
 * local login and the broker's board user, two simulated couriers; and a second notification-service replica for
 * calls across replicas), then web/e2e's Playwright tests (Debian's Chromium
 * through playwright-core) against it. Chromium and npm are prerequisites (.ci/run installs them): without them this
 * test fails, it never skips.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserIT {

    private static final Path E2E = DispatchSystem.ROOT.resolve("web/e2e");
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
    private static final Duration NPM_CI = Duration.ofMinutes(5);
    private static final Duration E2E_RUN = Duration.ofMinutes(12);
    // The pages' origin is web's free port: the test system's gateway and notification-service allow any local one.
    private static final String LOCAL_ORIGINS = "/http://127\\.0\\.0\\.1:[0-9]+/";

    private DispatchSystem system;
    private String web;
    private String gateway;
    private String secondNotifications;

    @BeforeAll
    void startSystem() throws Exception {
        assertThat(Files.isExecutable(CHROMIUM))
                .as("no Chromium at %s: install Debian's chromium package (.ci/run does) or set CHROMIUM_PATH", CHROMIUM).isTrue();
        String npm = run(E2E, List.of("npm", "--version"), Map.of(), Duration.ofSeconds(30), "npm.log");
        assertThat(npm).as("npm --version").matches("(?s)\\d+\\.\\d+.*");

        system = new DispatchSystem("browser").startBroker();
        system.start("payment-service", "payments", Map.of());
        system.start("order-service", "orders", Map.of("payments", "payment-service"));
        system.start("iot-ingest", "iot", Map.of());
        Map<String, String> cors = Map.of("QUARKUS_HTTP_CORS_ORIGINS", LOCAL_ORIGINS);
        // Calls: coturn on loopback, and two notification-service replicas, so that the two peers of a call can sit
        // on different ones (the e2e test points the callee's page at the second).
        system.startTurn();
        Map<String, String> notificationSettings = new java.util.HashMap<>(cors);
        notificationSettings.putAll(system.turnEnv());
        String notifications = system.startInstance("notification-service", "notification-service", "notifications", Map.of(),
                notificationSettings).baseUrl();
        secondNotifications = system.startInstance("notification-service", "notification-service-2", "notifications", Map.of(),
                notificationSettings).baseUrl();
        gateway = system.start("gateway", null, Map.of("orders", "order-service", "devices", "iot-ingest",
                "sensors", "iot-ingest", "payments", "payment-service"), cors).baseUrl();
        web = system.start("web", null, Map.of(), Map.of(
                "DISPATCH_WEB_LOCAL_LOGIN_ENABLED", "true",
                "DISPATCH_WEB_LOCAL_LOGIN_PRIVATE_KEY", system.jwtPrivateKey().toString(),
                "DISPATCH_WEB_GATEWAY_URL", gateway,
                "DISPATCH_WEB_NOTIFICATION_URL", notifications,
                "DISPATCH_BROKER_STOMP_WS_PORT", String.valueOf(system.stompWsPort()),
                "DISPATCH_BROKER_BOARD_USER", system.boardUser(),
                "DISPATCH_BROKER_BOARD_PASSWORD", system.boardPassword())).baseUrl();
        // courier-1 for the board's test, courier-2 for the tracking page's; fast, so a delivery takes seconds.
        system.startSimulator("couriers", "--devices", "2", "--report-interval", "1", "--speed", "30");
        String operator = system.token("operator", "olga");
        for (String courier : List.of("courier-1", "courier-2")) {
            await(courier + "'s first position").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> position(operator, courier).contains("latitude"));
        }
    }

    @AfterAll
    void stopSystem() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void thePagesPassTheirBrowserTests() throws Exception {
        if (dependenciesOutdated()) {
            run(E2E, List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), NPM_CI, "npm-ci.log");
        }
        String output = run(E2E, List.of("npm", "test"), Map.of(
                "DISPATCH_WEB_URL", web,
                "DISPATCH_GATEWAY_URL", gateway,
                "CHROMIUM_PATH", CHROMIUM.toString(),
                "DISPATCH_E2E_DELIVERY_SECONDS", "90",
                "DISPATCH_E2E_NOTIFICATION_URL_2", secondNotifications,
                "DISPATCH_E2E_TURN", "1"), E2E_RUN, "e2e.log");
        System.out.println(output);
        // Every test must run here: the relay and the two-replica call tests skip themselves only where coturn or a
        // second notification-service is not given (a run by hand).
        assertThat(output).contains("# fail 0", "# skipped 0").doesNotContain("# pass 0");
    }

    /** npm ci (which deletes node_modules first) only when the installed packages are missing or older than the lockfile. */
    private static boolean dependenciesOutdated() throws IOException {
        Path installed = E2E.resolve("node_modules/.package-lock.json");
        return !Files.isDirectory(E2E.resolve("node_modules/playwright-core")) || !Files.exists(installed)
                || Files.getLastModifiedTime(E2E.resolve("package-lock.json")).compareTo(Files.getLastModifiedTime(installed)) > 0;
    }

    private String position(String operator, String courier) throws IOException, InterruptedException {
        String query = "{\"query\":\"{ device(id: \\\"" + courier + "\\\") { latest { latitude longitude } } }\"}";
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gateway + "/graphql"))
                        .header("Authorization", "Bearer " + operator).header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(query)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Runs a command to its end within a bound, its output in a log of this run; fails with that output otherwise. */
    private static String run(Path dir, List<String> command, Map<String, String> env, Duration atMost, String logName)
            throws IOException, InterruptedException {
        Path log = Path.of(System.getProperty("dispatch.run-dir", "target/run")).toAbsolutePath().resolve("browser/logs/" + logName);
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return fail("cannot run %s (%s): install Node.js and npm (.ci/run does)", String.join(" ", command), e.getMessage());
        }
        boolean ended = process.waitFor(atMost.toSeconds(), TimeUnit.SECONDS);
        if (!ended) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (!ended) {
            return fail("%s did not end within %s; its output:%n%s", String.join(" ", command), atMost, output);
        }
        if (process.exitValue() != 0) {
            return fail("%s exited with %d; its output:%n%s", String.join(" ", command), process.exitValue(), output);
        }
        return output;
    }
}
