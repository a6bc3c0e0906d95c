package dev.dispatch.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Chat on a real XMPP server (Prosody), end to end: a paid order dispatched to a simulated courier opens its
 * members-only room; the customer and the courier, each with credentials from the gateway's chat API, talk in it from
 * an ordinary XMPP client that is not Dispatch's code (slixmpp, src/test/xmpp/room_member.py); the bot posts the
 * order's status, DELIVERED included; another customer cannot join. The courier's presence is on the device.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatSystemIT {

    private static final Path MEMBER = Path.of("src/test/xmpp/room_member.py").toAbsolutePath();
    private static final String PYTHON = System.getenv().getOrDefault("DISPATCH_TEST_PYTHON", "/usr/bin/python3");
    private static final Duration CLIENT = Duration.ofSeconds(60);

    private DispatchSystem system;
    private String gateway;
    private String operator;

    @BeforeAll
    void startSystem() throws Exception {
        system = new DispatchSystem("chat").startBroker().startXmpp();
        system.start("payment-service", "payments", Map.of());
        system.start("order-service", "orders", Map.of("payments", "payment-service"));
        system.start("iot-ingest", "iot", Map.of());
        system.start("notification-service", "notifications", Map.of(), system.xmppClientEnv());
        gateway = system.start("gateway", null, Map.of("orders", "order-service", "devices", "iot-ingest",
                "payments", "payment-service", "chat", "notification-service")).baseUrl();
        operator = system.token("operator", "olga");
    }

    @AfterAll
    void stopSystem() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void customerAndCourierChatInTheOrdersRoomAndTheBotPostsTheDelivery() throws Exception {
        system.startSimulator("chat-courier", "--devices", "1", "--id-prefix", "chat-courier-", "--report-interval", "1",
                "--speed", "40");
        String device = "chat-courier-1";
        await("the courier's device online and available").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> given().auth().oauth2(operator).get(gateway + "/api/devices/" + device)
                        .then().statusCode(200).body("status", equalTo("ONLINE")).body("presence", equalTo("available")));

        String alice = system.token("customer", "alice");
        String courier = system.token("courier", device);
        String orderId = place(alice);
        given().auth().oauth2(operator).contentType(ContentType.JSON).body(Map.of("deviceId", device))
                .post(gateway + "/api/orders/" + orderId + "/dispatch").then().statusCode(200);
        await("the courier away on the order (iot-ingest binds it from the AMQP event)").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300)).untilAsserted(() -> given().auth().oauth2(operator)
                        .get(gateway + "/api/devices/" + device).then().statusCode(200).body("presence", equalTo("away")));

        String room = "order-" + orderId + "@rooms.dispatch.local";
        await("the order's room, listed for the customer").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> session(alice).getList("rooms.jid").contains(room));
        JsonPath aliceSession = session(alice);
        JsonPath courierSession = session(courier);
        assertThat(aliceSession.getString("jid")).isEqualTo("alice@dispatch.local");
        assertThat(courierSession.getString("jid")).isEqualTo(device + "@dispatch.local");
        assertThat(courierSession.getList("rooms.jid")).contains(room);
        assertThat(aliceSession.getInt("xmppPort")).isEqualTo(system.xmppPort());

        // Both in the room at once, each waiting for the other's words; the bot's dispatch post is in the history.
        Member customerClient = member(aliceSession, room, "alice", "--say", "Please ring twice", "--expect", "on my way");
        Member courierClient = member(courierSession, room, "courier", "--say", "I am on my way", "--expect", "ring twice",
                "--expect", "on its way with courier");
        assertExitsWith(customerClient, 0);
        assertExitsWith(courierClient, 0);

        await("delivered").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> given().auth().oauth2(alice).get(gateway + "/api/orders/" + orderId)
                        .then().statusCode(200).body("status", equalTo("DELIVERED")));
        Member afterwards = member(session(alice), room, "alice", "--expect", "was delivered", "--expect", "ring twice");
        assertExitsWith(afterwards, 0);
        await("the courier free again").atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(operator)
                .get(gateway + "/api/devices/" + device).then().statusCode(200).body("presence", equalTo("available")));

        // Another customer has an account too, but is no member of alice's room.
        String bob = system.token("customer", "bob");
        Member intruder = member(session(bob), room, "bob", "--expect-refusal", "registration-required");
        assertExitsWith(intruder, 0);
        // And a wrong password signs nobody in.
        Member wrong = member(Map.of("jid", "alice@dispatch.local", "password", "not-her-password"), room, "alice",
                "--expect-refusal", "not-authorized");
        assertExitsWith(wrong, 0);
    }

    private JsonPath session(String token) {
        return given().auth().oauth2(token).post(gateway + "/api/chat/session")
                .then().statusCode(200).header("Cache-Control", equalTo("no-store")).extract().jsonPath();
    }

    /** One run of the client, and what it printed (a JSON line per message, join or refusal). */
    private record Member(Process process, Path log) {
    }

    private Member member(JsonPath session, String room, String nick, String... options) throws IOException {
        return member(Map.of("jid", session.getString("jid"), "password", session.getString("password")), room, nick, options);
    }

    private Member member(Map<String, String> login, String room, String nick, String... options) throws IOException {
        assertThat(Path.of(PYTHON)).as("Python 3 with slixmpp (apt-get install python3-slixmpp; .ci/run does it)").exists();
        // "--option=value": a generated password may begin with "-", which argparse would take for an option.
        List<String> command = new ArrayList<>(List.of(PYTHON, MEMBER.toString(), "--jid=" + login.get("jid"),
                "--password=" + login.get("password"), "--port", String.valueOf(system.xmppPort()), "--room", room,
                "--nick", nick + "-" + UUID.randomUUID().toString().substring(0, 4), "--timeout", String.valueOf(CLIENT.toSeconds())));
        command.addAll(List.of(options));
        Path log = Files.createTempFile("room-member", ".log");
        return new Member(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start(), log);
    }

    private static void assertExitsWith(Member client, int code) throws Exception {
        boolean ended = client.process().waitFor(CLIENT.toSeconds() + 15, TimeUnit.SECONDS);
        if (!ended) {
            client.process().destroyForcibly();
        }
        String output = Files.readString(client.log(), StandardCharsets.UTF_8);
        assertThat(ended ? client.process().exitValue() : -1).as("the room member's exit code; it printed:%n%s", output)
                .isEqualTo(code);
    }

    private String place(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of(
                        "items", new Object[] {Map.of("sku", "TEA", "name", "Tea", "quantity", 1, "unitPriceMinor", 450)},
                        "currency", "EUR",
                        // ~1.8 km from where the simulated courier starts (Alexanderplatz): a drive of about a minute.
                        "deliveryAddress", Map.of("street", "Unter den Linden 1", "city", "Berlin", "postalCode", "10117",
                                "country", "DE", "latitude", 52.5170, "longitude", 13.3889),
                        "paymentToken", "tok_approve"))
                .post(gateway + "/api/orders")
                .then().statusCode(201).body("status", equalTo("PAID"))
                .extract().path("id");
    }
}
