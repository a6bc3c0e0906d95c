package dev.dispatch.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

import dev.dispatch.broker.BrokerSettings;
import dev.dispatch.broker.EmbeddedBroker;
import dev.dispatch.broker.Protocol;
import dev.dispatch.simulator.contract.DeviceCredentials;
import dev.dispatch.simulator.device.DeviceSettings;
import dev.dispatch.simulator.geo.GeoPoint;
import dev.dispatch.simulator.geo.RouteShape;
import dev.dispatch.simulator.mqtt.BrokerAddress;
import dev.dispatch.simulator.mqtt.ConnectionSettings;
import dev.dispatch.simulator.mqtt.DeviceFleet;
import dev.dispatch.simulator.mqtt.DeviceRefusedException;
import dev.dispatch.simulator.mqtt.FleetSettings;
import dev.dispatch.simulator.provision.DeviceCredentialIssuer;
import dev.dispatch.simulator.support.DeviceLoginsStandIn;
import dev.dispatch.simulator.support.DeviceLoginsStandIn.Login;
import dev.dispatch.simulator.support.MqttObserver;
import dev.dispatch.simulator.support.RecordingListener;

/**
 * Devices with logins of their own, against a real Artemis that lets a device in only as its id with the password
 * iot-ingest issued it and then only onto its own topics (dev-broker with device logins). The gateway's credentials
 * endpoint and iot-ingest's device-login endpoint are played by {@link DeviceLoginsStandIn}; an MQTT client with the
 * operators' login watches what arrives.
 */
class OwnDeviceLoginsTest {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final String OPERATOR_TOKEN = "operator-jwt";
    // Neither is a login of this broker: a device that used them would be refused.
    private static final String[] NO_SHARED_LOGIN = {"--user", "nobody", "--password", "not-a-password"};

    @TempDir
    static Path dataDir;
    private static DeviceLoginsStandIn standIn;
    private static EmbeddedBroker broker;

    private final List<AutoCloseable> closeAfter = new ArrayList<>();
    private MqttObserver observer;
    private String prefix;

    @BeforeAll
    static void startBroker() throws Exception {
        standIn = DeviceLoginsStandIn.start(OPERATOR_TOKEN, "broker-token");
        broker = new EmbeddedBroker(BrokerSettings.onFreePorts(dataDir).withDeviceLogins(standIn.deviceLoginsUrl(), "broker-token")).start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
        standIn.close();
    }

    @BeforeEach
    void observe() {
        standIn.reset();
        prefix = "own" + UUID.randomUUID().toString().substring(0, 6) + "-";
        observer = new MqttObserver(broker.host(), broker.port(Protocol.MQTT), broker.user(), broker.password());
        closeAfter.add(observer);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closeAfter.size() - 1; i >= 0; i--) {
            closeAfter.get(i).close();
        }
    }

    @Test
    void eachDeviceGetsItsOwnCredentialsLogsInAsItselfAndItsTelemetryArrives() {
        List<String> ids = List.of(prefix + "1", prefix + "2");
        ids.forEach(id -> observer.subscribe("devices/" + id + "/telemetry"));

        Run run = simulate("--devices", "2", "--report-interval", "0.5", "--duration", "2");

        assertThat(run.exitCode()).as(run.output()).isZero();
        for (String id : ids) {
            await().atMost(BOUND).until(() -> observer.telemetry(id).size() >= 2);
            assertThat(observer.telemetry(id)).allSatisfy(reading -> assertThat(reading.get("deviceId").asText()).isEqualTo(id));
        }
        assertThat(standIn.issued()).filteredOn(id -> id.startsWith(prefix)).containsExactlyInAnyOrderElementsOf(ids);
        // Each logged in under its own name with the password issued to it; the shared login was never tried.
        assertThat(loginsOfThisTest()).isNotEmpty().allSatisfy(login -> assertThat(login.accepted()).isTrue())
                .extracting(Login::username).containsOnlyElementsOf(ids).containsAll(ids);
        assertThat(standIn.logins()).extracting(Login::username).doesNotContain("nobody");
        assertThat(run.output()).contains(
                "device-simulator: 2 device(s) " + prefix + "1.." + prefix + "2, MQTT " + broker.host() + ":" + broker.port(Protocol.MQTT)
                        + " as themselves",
                "issuing MQTT credentials for 2 device(s) at " + standIn.gatewayUrl() + " (POST /api/devices/{id}/credentials, 2 at a time)",
                "issued credentials for 2 device(s) in ",
                "each logs in as itself (kept in memory only; a restart issues new ones)",
                prefix + "1 connected to ",
                "device-simulator stopped");
        assertThat(run.output()).doesNotContain("shared login", "Exception");
    }

    @Test
    void aDeviceLoggedInAsItselfLivesItsWholeLifeOnItsOwnTopics() throws Exception {
        String id = prefix + "1";
        observer.subscribe("devices/" + id + "/status").subscribe("devices/" + id + "/telemetry").subscribe("devices/" + id + "/events");
        Map<String, DeviceCredentials> issued = new DeviceCredentialIssuer(standIn.gatewayUrl(), OPERATOR_TOKEN).issueAll(List.of(id), 16);
        DeviceSettings device = DeviceSettings.defaults().withReportInterval(Duration.ofSeconds(1)).withRoute(RouteShape.STREETS, 2)
                .withSpeed(150);
        DeviceFleet fleet = new DeviceFleet(fleetSettings(1, device).withCredentials(issued), new RecordingListener());
        closeAfter.add(fleet);

        fleet.start().await().atMost(BOUND);
        // status (and its will), telemetry, events: published; commands: subscribed and received.
        await().atMost(BOUND).until(() -> observer.statuses(id).equals(List.of("online")) && !observer.telemetry(id).isEmpty());
        GeoPoint destination = device.start().offset(300, 200);
        String commandId = observer.command(id, "assign-order", "orderId", "order-1",
                "latitude", String.valueOf(destination.latitude()), "longitude", String.valueOf(destination.longitude()));
        await().atMost(BOUND).until(() -> observer.events(id, "delivered").size() == 1);
        assertThat(observer.acks(id, commandId)).singleElement().satisfies(ack -> assertThat(ack.get("outcome").asText()).isEqualTo("done"));
        assertThat(observer.events(id).stream().map(e -> e.get("type").asText()).filter(t -> !t.equals("command-ack")))
                .containsExactly("door-opened", "delivered", "door-closed");

        closeAfter.remove(fleet);
        fleet.close();

        await().atMost(BOUND).untilAsserted(() -> assertThat(observer.statuses(id)).startsWith("online", "offline").containsOnlyOnce("online"));
        assertThat(loginsOfThisTest()).containsOnly(new Login(id, true));
    }

    @Test
    void aDeviceTheBrokerRefusesIsReportedByNameAndEndsTheRun() {
        String id = prefix + "1";
        standIn.refuseLogins();

        Run run = simulate("--devices", "1", "--reconnect-delay", "0.2");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains(
                id + " the broker refused the connection (refused: CONNECTION_REFUSED_NOT_AUTHORIZED); the password issued to it was not "
                        + "taken: revoked or issued again since (another run with the same ids?), or the broker checks device logins "
                        + "with another iot-ingest",
                "device-simulator gave up: the broker refused " + id + ": refused: CONNECTION_REFUSED_NOT_AUTHORIZED");
        // Refused for good: one attempt, no retries.
        assertThat(loginsOfThisTest()).containsExactly(new Login(id, false));
    }

    @Test
    void aRevokedPasswordIsRefusedForGood() throws Exception {
        String id = prefix + "1";
        Map<String, DeviceCredentials> issued = new DeviceCredentialIssuer(standIn.gatewayUrl(), OPERATOR_TOKEN).issueAll(List.of(id), 16);
        standIn.revoke(id);
        RecordingListener listener = new RecordingListener();
        DeviceFleet fleet = new DeviceFleet(fleetSettings(1, DeviceSettings.defaults()).withCredentials(issued), listener);
        closeAfter.add(fleet);

        assertThatThrownBy(() -> fleet.start().await().atMost(BOUND))
                .isInstanceOf(DeviceRefusedException.class)
                .hasMessage("the broker refused " + id + ": refused: CONNECTION_REFUSED_NOT_AUTHORIZED");
        assertThat(listener.lines()).containsExactly("refused " + id + " refused: CONNECTION_REFUSED_NOT_AUTHORIZED");
    }

    @Test
    void aGatewayThatRefusesToIssueStopsStartUpWithTheReasonBeforeAnyDeviceConnects() {
        List<String> ids = List.of(prefix + "1", prefix + "2", prefix + "3");
        ids.forEach(id -> observer.subscribe("devices/" + id + "/status"));
        standIn.refuseWith(403, "{\"type\":\"/problems/forbidden\",\"title\":\"Forbidden\",\"status\":403,\"detail\":\"operators only\"}");

        Run run = simulate("--devices", "3");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        // Three requests in flight: the first refusal back names its device.
        assertThat(run.output()).containsPattern("device-simulator gave up: the gateway answered 403 to issuing MQTT credentials for "
                + prefix + "[123]: Forbidden: operators only \\(the token is not an operator's: issuing device credentials is for operators\\)");
        assertThat(run.output()).doesNotContain("connected to", "Exception");
        assertThat(loginsOfThisTest()).isEmpty();
        await().during(Duration.ofSeconds(1)).atMost(BOUND).until(() -> ids.stream().allMatch(id -> observer.statuses(id).isEmpty()));
    }

    @Test
    void aLoadRunIssuesEveryDevicesCredentialsFirstAndMeasuresAsUsual() {
        int devices = 40;
        List<String> ids = IntStream.rangeClosed(1, devices).mapToObj(i -> prefix + i).toList();

        Run run = simulate("--load", "--devices", String.valueOf(devices), "--report-interval", "0.5", "--duration", "1");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(standIn.issued()).filteredOn(id -> id.startsWith(prefix)).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(loginsOfThisTest()).allSatisfy(login -> assertThat(login.accepted()).isTrue())
                .extracting(Login::username).containsAll(ids);
        assertThat(run.output()).contains(
                "issuing MQTT credentials for 40 device(s) at " + standIn.gatewayUrl() + " (POST /api/devices/{id}/credentials, 16 at a time)",
                "issued credentials for 40 device(s) in ",
                "load: 40 devices, a reading every 0.5 s each, for 1 s",
                " 0 not acknowledged, 0 not sent (offline)");
    }

    @Test
    void withoutAnOperatorTokenEveryDeviceUsesTheSharedLoginAndSaysSo() {
        assumeTrue(System.getenv("DISPATCH_OPERATOR_TOKEN") == null, "the environment gives an operator token");
        String id = prefix + "1";
        observer.subscribe("devices/" + id + "/telemetry");

        Run run = run("--host", broker.host(), "--port", String.valueOf(broker.port(Protocol.MQTT)), "--user", broker.user(),
                "--password", broker.password(), "--id-prefix", prefix, "--report-interval", "0.5", "--duration", "1");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("MQTT " + broker.host() + ":" + broker.port(Protocol.MQTT) + " as " + broker.user(),
                "devices log in with the shared login " + broker.user()
                        + " (--user/--password): without an operator token no device gets credentials of its own");
        await().atMost(BOUND).until(() -> !observer.telemetry(id).isEmpty());
        assertThat(loginsOfThisTest()).isEmpty();
        assertThat(standIn.issued()).noneMatch(issued -> issued.startsWith(prefix));
    }

    private List<Login> loginsOfThisTest() {
        return standIn.logins().stream().filter(login -> login.username().startsWith(prefix)).toList();
    }

    private FleetSettings fleetSettings(int devices, DeviceSettings device) {
        return new FleetSettings(new BrokerAddress(broker.host(), broker.port(Protocol.MQTT), "nobody", "not-a-password"), devices,
                prefix, device, 0, ConnectionSettings.defaults().withReconnectDelay(Duration.ofMillis(200)));
    }

    record Run(int exitCode, String output) {
    }

    /** The command in this JVM with the devices' own logins: the stand-in gateway, an operator's token, a broker of its own. */
    private Run simulate(String... options) {
        List<String> args = new ArrayList<>(List.of("--host", broker.host(), "--port", String.valueOf(broker.port(Protocol.MQTT)),
                "--gateway-url", standIn.gatewayUrl().toString(), "--operator-token", OPERATOR_TOKEN, "--id-prefix", prefix));
        args.addAll(List.of(NO_SHARED_LOGIN));
        args.addAll(List.of(options));
        return run(args.toArray(String[]::new));
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        int exitCode = new CommandLine(new SimulatorCommand(new PrintStream(out, true, StandardCharsets.UTF_8)))
                .setErr(new PrintWriter(err)).execute(args);
        return new Run(exitCode, out.toString(StandardCharsets.UTF_8) + err);
    }
}
