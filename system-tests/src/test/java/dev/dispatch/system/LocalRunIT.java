package dev.dispatch.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The README's run command, as a user runs it: {@code bin/run} on the built artifacts brings the broker
 * and all five services to ready while the broker's preferred ports (and the standard AMQP and MQTT ports)
 * are taken by other programs, prints where each protocol listens, and leaves no process behind when stopped.
 * It runs with the README's scale-out example, {@code --replicas order-service=2,iot-ingest=2}: the second
 * instances come up on the ports the table prints, and the gateway's placements reach both order-services.
 * (ReadmeExamplesIT and BrowserIT run plain {@code bin/run}.)
 */
class LocalRunIT {

    private static final Path ROOT = Path.of(System.getProperty("dispatch.root", "..")).toAbsolutePath().normalize();
    private static final Path RUN_DIR = Path.of(System.getProperty("dispatch.run-dir", "target/run")).toAbsolutePath();
    private static final Map<String, Integer> SERVICES = Map.of(
            "gateway", 8080, "order-service", 8081, "payment-service", 8082,
            "notification-service", 8083, "iot-ingest", 8084);
    private static final Pattern AMQP_ROW = Pattern.compile("AMQP\\s+amqp://127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern MQTT_ROW = Pattern.compile("MQTT\\s+tcp://127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern ORDER_SERVICE_2_ROW = Pattern.compile("replica\\s+http://127\\.0\\.0\\.1:(\\d+)\\s+order-service-2: ");
    private static final Pattern IOT_INGEST_2_ROW = Pattern.compile("replica\\s+http://127\\.0\\.0\\.1:(\\d+)\\s+iot-ingest-2: ");
    private static final int ORDERS = 12;

    private final List<String> output = new CopyOnWriteArrayList<>();
    private final List<ServerSocket> squatters = new ArrayList<>();
    private final SystemDatabases databases = new SystemDatabases();
    private Process run;

    @Test
    void runCommandStartsEverythingOnFreePortsAndStopsCleanly() throws Exception {
        // Other programs hold the standard ports (RabbitMQ, Mosquitto) and the broker's preferred ones.
        for (int port : List.of(5672, 1883, 5673, 1884)) {
            squat(port);
        }

        ProcessBuilder command = new ProcessBuilder(ROOT.resolve("bin/run").toString(), "--replicas", "order-service=2,iot-ingest=2")
                .directory(ROOT.toFile())
                .redirectErrorStream(true);
        command.environment().put("DISPATCH_RUN_DIR", RUN_DIR.toString());
        command.environment().put("DISPATCH_DB_SUFFIX", databases.suffix());
        run = command.start();
        collectOutput(run);

        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500))
                .failFast("bin/run exited before the system was ready (its output is above)", () -> !run.isAlive())
                .until(() -> output.stream().anyMatch(line -> line.startsWith("Dispatch is running")));

        for (var service : SERVICES.entrySet()) {
            HttpResponse<String> ready = get("http://127.0.0.1:" + service.getValue() + "/q/health/ready");
            assertThat(ready.statusCode()).as(service.getKey() + " " + ready.body()).isEqualTo(200);
        }

        // A clean start warns about nothing it cannot help: Micrometer's duplicate pool gauge (quarkus#47504) is silenced.
        for (String service : SERVICES.keySet()) {
            assertThat(Files.readAllLines(RUN_DIR.resolve("logs").resolve(service + ".log")))
                    .as(service + "'s log").noneMatch(line -> line.contains("has been already registered"));
        }

        Properties ports = new Properties();
        try (var in = Files.newBufferedReader(RUN_DIR.resolve("broker.properties"))) {
            ports.load(in);
        }
        int amqp = Integer.parseInt(ports.getProperty("amqp.port"));
        int mqtt = Integer.parseInt(ports.getProperty("mqtt.port"));
        assertThat(amqp).isNotIn(5672, 5673);
        assertThat(mqtt).isNotIn(1883, 1884);
        assertThat(printed(AMQP_ROW)).isEqualTo(amqp);
        assertThat(printed(MQTT_ROW)).isEqualTo(mqtt);
        assertThat(databases.existing()).as("bin/run creates the databases it needs")
                .containsExactlyInAnyOrder("orders" + databases.suffix(), "payments" + databases.suffix(), "iot" + databases.suffix(),
                        "notifications" + databases.suffix());
        assertThat(Files.readString(RUN_DIR.resolve("local.env")))
                .contains("DISPATCH_BROKER_AMQP_PORT=" + amqp, "DISPATCH_BROKER_MQTT_PORT=" + mqtt);

        int orderService2 = printed(ORDER_SERVICE_2_ROW);
        int iotIngest2 = printed(IOT_INGEST_2_ROW);
        assertThat(List.of(orderService2, iotIngest2)).doesNotContainAnyElementsOf(SERVICES.values());
        for (int port : List.of(orderService2, iotIngest2)) {
            assertThat(get("http://127.0.0.1:" + port + "/q/health/ready").statusCode()).as("replica on " + port).isEqualTo(200);
        }
        assertThat(Files.readString(RUN_DIR.resolve("local.env")))
                .contains("DISPATCH_GRPC_ORDER_SERVICE=127.0.0.1:8081,127.0.0.1:" + orderService2)
                .contains("DISPATCH_GRPC_IOT_INGEST=127.0.0.1:8084,127.0.0.1:" + iotIngest2);
        placeOrders();
        await("placements on both order-services").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            double first = placeOrderCalls(8081);
            double second = placeOrderCalls(orderService2);
            assertThat(first + second).as("PlaceOrder calls served").isGreaterThanOrEqualTo(ORDERS);
            assertThat(first).as("order-service's share").isPositive();
            assertThat(second).as("order-service-2's share").isPositive();
        });

        List<ProcessHandle> started = run.descendants().toList();
        assertThat(started.stream().filter(p -> p.info().command().orElse("").endsWith("java")).count())
                .as("the broker, six services and the two replicas run as java processes").isGreaterThanOrEqualTo(9);

        // One replica crashes: the run goes on, and the gateway places every order on the other order-service.
        ProcessHandle secondOrderService = started.stream()
                .filter(p -> p.info().arguments().map(args -> List.of(args).contains("-Dquarkus.http.port=" + orderService2)).orElse(false))
                .findFirst().orElseThrow();
        secondOrderService.destroyForcibly();
        await("bin/run reports the lost replica").atMost(Duration.ofSeconds(20))
                .until(() -> output.stream().anyMatch(line -> line.startsWith("order-service-2 stopped; the other instances of order-service go on")));
        double before = placeOrderCalls(8081);
        placeOrders();
        assertThat(placeOrderCalls(8081) - before).as("order-service alone took the placements").isGreaterThanOrEqualTo(ORDERS);
        assertThat(run.isAlive()).as("bin/run still running").isTrue();

        benchmarksRunAgainstIt();

        run.toHandle().destroy(); // SIGTERM, as from kill; Process.destroy() would also close its output
        await().atMost(Duration.ofSeconds(60)).until(() -> !run.isAlive());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(started).as("processes left behind").noneMatch(ProcessHandle::isAlive));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(output).anyMatch(line -> line.startsWith("Stopped.")));
    }

    @AfterEach
    void tearDown() throws IOException {
        if (run != null && run.isAlive()) {
            run.descendants().forEach(ProcessHandle::destroyForcibly);
            run.destroyForcibly();
        }
        for (ServerSocket s : squatters) {
            s.close();
        }
        databases.dropAll();
    }

    private int printed(Pattern row) {
        return output.stream().map(row::matcher).filter(Matcher::find)
                .map(m -> Integer.parseInt(m.group(1))).findFirst().orElseThrow();
    }

    /** Takes a port if it is free; if something else holds it already, that serves as well. */
    private void squat(int port) {
        try {
            squatters.add(new ServerSocket(port, 1, InetAddress.getLoopbackAddress()));
        } catch (IOException alreadyTaken) {
            // another program holds it: the point of the test either way
        }
    }

    private void collectOutput(Process process) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
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
    }

    /**
     * The README's benchmark command against this run, briefly: an order scenario, the broker's and the database's
     * baselines, each with its summary and the CPU every part of the system used meanwhile.
     */
    private void benchmarksRunAgainstIt() throws Exception {
        // Exit 3 would mean some orders were not PAID in time (cold JVMs on a busy machine): the command still worked.
        Bench orders = bench("orders-rest", "--rate", "5", "--duration", "2");
        assertThat(orders.exit()).as("bin/bench orders-rest: " + orders.lines()).isIn(0, 3);
        assertThat(orders.lines()).as("orders-rest's summary: 10 requests, each counted")
                .anyMatch(line -> line.matches("requests\\s+10\\s+(\\d+)\\s+(\\d+)\\s.*") && okAndFailed(line) == 10);
        assertThat(orders.lines()).as("the CPU of the parts that placed the orders")
                .anyMatch(line -> line.startsWith("CPU by process"))
                .anyMatch(line -> line.matches("gateway\\s+\\d+\\.\\d\\s.*"))
                .anyMatch(line -> line.matches("order-service\\s+\\d+\\.\\d\\s.*"))
                .anyMatch(line -> line.matches("loadgen\\s+\\d+\\.\\d\\s.*"));

        Bench broker = bench("broker-amqp", "--rate", "50", "--duration", "2");
        assertThat(broker.exit()).as("bin/bench broker-amqp: " + broker.lines()).isZero();
        assertThat(broker.lines()).as("every accepted message received once")
                .anyMatch(line -> line.matches("requests\\s+100\\s+100\\s+0\\s.*"))
                .anyMatch(line -> line.matches("received by consumer\\s+100\\s+100\\s+0\\s+0\\s+0\\s.*"));

        Bench database = bench("db-baseline", "--duration", "2", "--clients", "2");
        assertThat(database.exit()).as("bin/bench db-baseline: " + database.lines()).isZero();
        assertThat(database.lines()).as("pgbench's rate of the order's transactions")
                .anyMatch(line -> line.startsWith("tps = "))
                .anyMatch(line -> line.matches("number of failed transactions: 0 .*"))
                .anyMatch(line -> line.matches("pgbench\\s+\\d+\\.\\d\\s.*"));
    }

    private record Bench(int exit, List<String> lines) {
    }

    private static int okAndFailed(String summaryRow) {
        String[] columns = summaryRow.split("\\s+");
        return Integer.parseInt(columns[2]) + Integer.parseInt(columns[3]);
    }

    /** bin/bench SCENARIO ARGS against this run: its exit code and output. */
    private Bench bench(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("bin/bench").toString()));
        command.addAll(List.of(args));
        ProcessBuilder bench = new ProcessBuilder(command).redirectErrorStream(true).directory(ROOT.toFile());
        bench.environment().put("DISPATCH_RUN_DIR", RUN_DIR.toString());
        bench.environment().put("DISPATCH_DB_SUFFIX", databases.suffix());
        Process process = bench.start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
                .lines().forEach(line -> {
                    System.out.println("[bin/bench] " + line);
                    lines.add(line.strip());
                }));
        reader.start();
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("bin/bench " + String.join(" ", args) + " ended").isTrue();
        reader.join(5_000);
        return new Bench(process.exitValue(), lines);
    }

    /** Orders through the gateway as a customer with a token from bin/token, each answered 201. */
    private void placeOrders() throws Exception {
        ProcessBuilder token = new ProcessBuilder(ROOT.resolve("bin/token").toString(), "customer", "local-run-" + databases.suffix())
                .redirectErrorStream(true).directory(ROOT.toFile());
        token.environment().put("DISPATCH_RUN_DIR", RUN_DIR.toString());
        Process signing = token.start();
        String bearer = new String(signing.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(signing.waitFor()).as("bin/token: " + bearer).isZero();
        for (int i = 0; i < ORDERS; i++) {
            HttpResponse<String> placed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:8080/api/orders"))
                    .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(PacedOrders.BODY)).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(placed.statusCode()).as("order %d: %s", i, placed.body()).isEqualTo(201);
        }
    }

    /** PlaceOrder calls an order-service instance served, from its Prometheus metrics. */
    private static double placeOrderCalls(int port) throws Exception {
        return get("http://127.0.0.1:" + port + "/q/metrics").body().lines()
                .filter(line -> line.startsWith("grpc_server_processing_duration_seconds_count{") && line.contains("method=\"PlaceOrder\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
