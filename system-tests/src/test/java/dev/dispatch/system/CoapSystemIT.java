package dev.dispatch.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;

/**
 * Cargo sensor tags over CoAP, driven by a real peer that is not part of the project: libcoap's C client (Debian's
 * libcoap3-bin: {@code coap-client-openssl} for coaps with a pre-shared key, {@code coap-client-notls} for plain coap).
 * A sensor provisioned over REST reports into iot-ingest over DTLS, its readings belong to the order its courier
 * carries, an excursion raises one alert on AMQP, an operator's configuration change reaches an observing client, a
 * batch larger than a datagram goes block-wise, and a wrong key is refused.
 * <p>
 * coap-client exits 0 whatever happened (a failed DTLS handshake too), so every assertion reads its output.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CoapSystemIT {

    private static final Duration CLIENT_WAIT = Duration.ofSeconds(30);

    private DispatchSystem system;
    private AmqpEvents deviceAlerts;
    private String gateway;
    private String alice;
    private String operator;
    private int coapPort;
    private int coapsPort;
    private final List<Process> clients = new ArrayList<>();

    @BeforeAll
    void startSystem() throws Exception {
        for (String client : List.of("coap-client-openssl", "coap-client-notls")) {
            assertThat(Files.isExecutable(Path.of("/usr/bin", client)) || onPath(client))
                    .as(client + " is missing: install Debian's libcoap3-bin (apt-get install libcoap3-bin), as .ci/run does")
                    .isTrue();
        }
        system = new DispatchSystem("coap").startBroker();
        deviceAlerts = new AmqpEvents(system, "device-alerts");
        coapPort = freeUdpPort();
        coapsPort = freeUdpPort();
        byte[] credentialKey = new byte[32];
        new java.security.SecureRandom().nextBytes(credentialKey);
        system.start("payment-service", "payments", Map.of());
        system.start("order-service", "orders", Map.of("payments", "payment-service"));
        system.start("iot-ingest", "iot", Map.of(), Map.of(
                "DISPATCH_COAP_PORT", String.valueOf(coapPort),
                "DISPATCH_COAPS_PORT", String.valueOf(coapsPort),
                "DISPATCH_COAP_PLAIN_ENABLED", "true",
                "DISPATCH_COAP_CREDENTIAL_KEY", Base64.getEncoder().encodeToString(credentialKey)));
        gateway = system.start("gateway", null, Map.of("orders", "order-service", "devices", "iot-ingest", "sensors", "iot-ingest",
                "payments", "payment-service")).baseUrl();
        alice = system.token("customer", "alice");
        operator = system.token("operator", "olga");
    }

    @AfterAll
    void stopSystem() throws Exception {
        clients.forEach(Process::destroyForcibly);
        if (deviceAlerts != null) {
            deviceAlerts.close();
        }
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aSensorOnACourierReportsOverCoapsAndObservesItsConfiguration() throws Exception {
        // A courier that is slow enough to still carry the order while the sensor reports.
        system.startSimulator("coap-courier", "--devices", "1", "--id-prefix", "coap-courier-", "--report-interval", "5", "--speed", "1");
        String courier = "coap-courier-1";
        await("the courier registered").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> given().auth().oauth2(operator).get(gateway + "/api/devices/" + courier)
                        .then().statusCode(200).body("status", equalTo("ONLINE")));
        String orderId = place();
        given().auth().oauth2(operator).contentType(ContentType.JSON).body(Map.of("deviceId", courier))
                .post(gateway + "/api/orders/" + orderId + "/dispatch").then().statusCode(200);
        await("the courier bound to the order").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> given().auth().oauth2(operator).get(gateway + "/api/devices/" + courier)
                        .then().statusCode(200).body("boundOrderId", equalTo(orderId)));

        String sensor = "coap-tag-1";
        JsonObject credentials = new JsonObject(given().auth().oauth2(operator).contentType(ContentType.JSON)
                .body(Map.of("sensorId", sensor, "courierDeviceId", courier, "maxTemperatureC", 8.0))
                .post(gateway + "/api/sensors")
                .then().statusCode(201).extract().asString());
        String identity = credentials.getString("pskIdentity");
        String key = credentials.getString("pskKey");
        assertThat(identity).isEqualTo(sensor);

        // A reading over DTLS with the sensor's own key: stored, and bound to the courier's order.
        Output stored = coaps(identity, key, "-m", "post", "-t", "json", "-e", reading(4.5, 0.2), path(sensor, "readings"));
        assertThat(stored.failed()).as(stored.toString()).isFalse();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<Map<String, Object>> readings = readings(sensor);
            assertThat(readings).hasSize(1);
            assertThat(readings.get(0).get("orderId")).isEqualTo(orderId);
        });

        // A cargo too warm: one alert on device-alerts, about the sensor and the order.
        for (double temperature : new double[] {11.0, 11.5}) {
            Output warm = coaps(identity, key, "-m", "post", "-t", "json", "-e", reading(temperature, 0.2), path(sensor, "readings"));
            assertThat(warm.failed()).as(warm.toString()).isFalse();
        }
        await().atMost(AmqpEvents.timeout()).untilAsserted(() ->
                assertThat(deviceAlerts.typesAbout(sensor)).containsExactly("dispatch.sensor.alert.temperature"));
        JsonObject alert = deviceAlerts.about(sensor).get(0).getJsonObject("data");
        assertThat(alert.getString("orderId")).isEqualTo(orderId);
        assertThat(alert.getString("customerId")).isEqualTo("alice");

        // The same screen the customer's order shows: the courier and its sensor's newest reading, in one query.
        JsonObject screen = new JsonObject(given().auth().oauth2(operator).contentType(ContentType.JSON)
                .body(Map.of("query", "query($id: ID!) { device(id: $id) { id sensors { id latest { temperatureC orderId } } } }",
                        "variables", Map.of("id", courier)))
                .post(gateway + "/graphql").then().statusCode(200).extract().asString());
        assertThat(screen.getJsonArray("errors")).as(screen.encode()).isNull();
        JsonObject sensorView = screen.getJsonObject("data").getJsonObject("device").getJsonArray("sensors").getJsonObject(0);
        assertThat(sensorView.getString("id")).isEqualTo(sensor);
        assertThat(sensorView.getJsonObject("latest").getDouble("temperatureC")).isEqualTo(11.5);

        // Observe the configuration; an operator's change is pushed to the observer.
        Path observed = Files.createTempFile("coap-observe", ".txt");
        Process observer = start(List.of("coap-client-openssl", "-w", "-m", "get", "-s", "40", "-B", "45", "-u", identity, "-k", key,
                path(sensor, "config")), observed);
        await("the first configuration").atMost(CLIENT_WAIT).until(() -> Files.readString(observed).contains("\"version\""));
        given().auth().oauth2(operator).contentType(ContentType.JSON).body(Map.of("reportIntervalSeconds", 60))
                .put(gateway + "/api/sensors/" + sensor + "/config").then().statusCode(200);
        await("the pushed configuration").atMost(CLIENT_WAIT)
                .until(() -> Files.readString(observed).contains("\"reportIntervalSeconds\":60"));
        observer.destroy();

        // A day of buffered readings in one request: larger than a datagram, so libcoap sends it block-wise.
        Path batch = Files.createTempFile("coap-batch", ".json");
        List<String> buffered = new ArrayList<>();
        Instant start = Instant.now().minus(30, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < 40; i++) {
            buffered.add("{\"time\":\"" + start.plusSeconds(30L * i) + "\",\"temperatureC\":5.0,\"humidityPercent\":55.0,"
                    + "\"shockG\":0.1,\"batteryPercent\":80.0}");
        }
        Files.writeString(batch, "[" + String.join(",", buffered) + "]");
        assertThat(Files.size(batch)).isGreaterThan(1024);
        Output blockwise = coaps(identity, key, "-m", "post", "-t", "json", "-b", "64", "-f", batch.toString(), path(sensor, "readings"));
        assertThat(blockwise.failed()).as(blockwise.toString()).isFalse();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(readings(sensor)).hasSizeGreaterThanOrEqualTo(43));

        // A wrong key: the DTLS handshake fails, nothing is stored.
        int before = readings(sensor).size();
        Output refused = run(List.of("coap-client-openssl", "-m", "post", "-t", "json", "-e", reading(3.0, 0.1), "-B", "5",
                "-u", identity, "-k", "not-the-key", path(sensor, "readings")));
        assertThat(refused.stdout()).as(refused.toString()).contains("cannot send");
        assertThat(readings(sensor)).hasSize(before);

        // Plain coap, allowed in this (demo) configuration: a bad payload is answered 4.00 and names the problem.
        Output bad = run(List.of("coap-client-notls", "-m", "post", "-t", "json", "-e", "{\"temperatureC\":\"warm\"}", "-B", "5",
                "coap://127.0.0.1:" + coapPort + "/sensors/" + sensor + "/readings"));
        assertThat(bad.stderr()).as(bad.toString()).startsWith("4.00");
    }

    private String path(String sensor, String resource) {
        return "coaps://127.0.0.1:" + coapsPort + "/sensors/" + sensor + "/" + resource;
    }

    private static String reading(double temperature, double shock) {
        return "{\"temperatureC\":" + temperature + ",\"humidityPercent\":60.0,\"shockG\":" + shock + ",\"batteryPercent\":90.0}";
    }

    private List<Map<String, Object>> readings(String sensor) {
        return given().auth().oauth2(operator).queryParam("limit", 100).get(gateway + "/api/sensors/" + sensor + "/readings")
                .then().statusCode(200).extract().jsonPath().getList("items");
    }

    private String place() {
        return given().auth().oauth2(alice).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of(
                        "items", new Object[] {Map.of("sku", "VACCINE", "name", "Vaccine box", "quantity", 1, "unitPriceMinor", 900)},
                        "currency", "EUR",
                        "deliveryAddress", Map.of("street", "Unter den Linden 1", "city", "Berlin", "postalCode", "10117",
                                "country", "DE", "latitude", 52.5170, "longitude", 13.3889),
                        "maxCargoTemperatureC", 8.0,
                        "paymentToken", "tok_approve"))
                .post(gateway + "/api/orders")
                .then().statusCode(201).extract().path("id");
    }

    private Output coaps(String identity, String key, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("coap-client-openssl", "-B", "10", "-u", identity, "-k", key));
        command.addAll(List.of(arguments));
        return run(command);
    }

    private Output run(List<String> command) throws Exception {
        Path out = Files.createTempFile("coap-out", ".txt");
        Path err = Files.createTempFile("coap-err", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        clients.add(process);
        if (!process.waitFor(CLIENT_WAIT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return new Output(String.join(" ", command), Files.readString(out).trim(), Files.readString(err).trim());
    }

    private Process start(List<String> command, Path stdout) throws IOException {
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectErrorStream(false).start();
        clients.add(process);
        return process;
    }

    private static boolean onPath(String program) {
        return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** What one coap-client run printed: the payload on stdout, a 4.xx/5.xx answer on stderr, DTLS failures on stdout. */
    private record Output(String command, String stdout, String stderr) {

        /** libcoap exits 0 whatever happened: it failed when it printed an error code, an ERR line, or no answer at all. */
        boolean failed() {
            return stderr.matches("(?s)^[45]\\.\\d\\d.*") || stdout.contains("ERR ") || stdout.contains("cannot send")
                    || stdout.isEmpty() && stderr.isEmpty();
        }

        @Override
        public String toString() {
            return command + "\n  stdout: " + stdout + "\n  stderr: " + stderr;
        }
    }
}
