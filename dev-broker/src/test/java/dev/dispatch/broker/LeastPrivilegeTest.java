package dev.dispatch.broker;

import static dev.dispatch.broker.TestBrokers.join;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.vertx.amqp.AmqpClient;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.amqp.AmqpConnection;
import io.vertx.amqp.AmqpMessage;
import io.vertx.amqp.AmqpReceiver;
import io.vertx.amqp.AmqpSender;
import io.vertx.core.Vertx;

/**
 * Each login may do only what its owner does (broker.xml's security-settings, and DispatchSecurityManager for
 * devices): every send and subscription a service, the board or a device has no business making is refused, and the
 * ones they need still work. Devices log in with credentials a stand-in for iot-ingest's device-login endpoint
 * confirms ({@link DeviceLoginEndpoint}); MQTT 5 clients, so that a refusal comes back as a reason code.
 */
class LeastPrivilegeTest {

    private static final Duration DELIVERY = Duration.ofSeconds(15);
    private static final long WAIT = 10_000;
    private static final int BAD_USER_NAME_OR_PASSWORD = 0x86;
    private static final int NOT_AUTHORIZED = 0x87;

    private static Vertx vertx;
    private static DeviceLoginEndpoint iotIngest;
    private EmbeddedBroker broker;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        iotIngest = DeviceLoginEndpoint.start("broker-token");
        iotIngest.issue("courier-1", "secret-of-courier-1");
        iotIngest.issue("courier-2", "secret-of-courier-2");
    }

    @AfterAll
    static void stop() throws Exception {
        iotIngest.close();
        join(vertx.close());
    }

    @BeforeEach
    void startBroker(@TempDir Path dataDir) throws Exception {
        broker = new EmbeddedBroker(TestBrokers.settings(dataDir).withDeviceLogins(iotIngest.url(), "broker-token")).start();
    }

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    @ParameterizedTest(name = "{0} may send to {1}: {2}")
    @CsvSource({
            "order-service, order-events, true",
            "order-service, delivery-events, false",
            "order-service, device-alerts, false",
            "order-service, courier-presence, false",
            "order-service, board.positions, false",
            "iot-ingest, delivery-events, true",
            "iot-ingest, device-alerts, true",
            "iot-ingest, courier-presence, true",
            "iot-ingest, board.positions, true",
            "iot-ingest, order-events, false",
            "notification-service, order-events, false",
            "notification-service, delivery-events, false",
            "notification-service, device-alerts, false",
            "notification-service, DLA, false",
            "board, order-events, false",
            "board, board.positions, false",
    })
    void onlyTheProducerOfAnAddressSendsToIt(String login, String address, boolean allowed) throws Exception {
        assertEquals(allowed, sends(login, address), login + " sending to " + address);
        long queued = broker.messageCount(address.equals("order-events") ? "order-events.notification-service"
                : address.equals("delivery-events") ? "delivery-events.order-service" : "none");
        if (!allowed) {
            assertEquals(0, queued, "nothing of a refused send arrived");
        }
    }

    @ParameterizedTest(name = "{0} may read {1}: {2}")
    @CsvSource({
            "iot-ingest, order-events::order-events.iot-ingest, true",
            "notification-service, order-events::order-events.notification-service, true",
            "order-service, delivery-events::delivery-events.order-service, true",
            "notification-service, delivery-events::delivery-events.notification-service, true",
            "notification-service, device-alerts::device-alerts.notification-service, true",
            "notification-service, courier-presence::courier-presence.notification-service, true",
            "notification-service, order-events::order-events.iot-ingest, false",
            "iot-ingest, order-events::order-events.notification-service, false",
            "order-service, order-events::order-events.notification-service, false",
            "order-service, delivery-events::delivery-events.notification-service, false",
            "iot-ingest, delivery-events::delivery-events.order-service, false",
            "board, order-events::order-events.notification-service, false",
            "order-service, DLA, false",
    })
    void eachServiceReadsOnlyItsOwnQueues(String login, String queue, boolean allowed) throws Exception {
        AmqpClient client = amqp(login);
        try {
            AmqpConnection connection = join(client.connect());
            if (allowed) {
                AmqpReceiver receiver = join(connection.createReceiver(queue));
                join(receiver.close());
            } else {
                assertThrows(Exception.class, () -> join(connection.createReceiver(queue)));
            }
        } finally {
            join(client.close());
        }
    }

    @Test
    void aDevicePublishesUnderItsOwnIdAndReadsItsOwnCommands() throws Exception {
        Queue<String> ingested = new ConcurrentLinkedQueue<>();
        MqttAsyncClient ingest = mqtt("iot-ingest-link", "iot-ingest", "iot-ingest");
        ingest.setCallback(new Collecting(ingested));
        ingest.subscribe("devices/#", 1).waitForCompletion(WAIT);
        MqttAsyncClient device = mqtt("courier-1", "courier-1", "secret-of-courier-1");
        Queue<String> commands = new ConcurrentLinkedQueue<>();
        device.setCallback(new Collecting(commands));
        try {
            assertArrayEquals(new int[] {1}, subscribe(device, "devices/courier-1/commands"), "its own commands");
            assertEquals(0, publish(device, "devices/courier-1/telemetry", "{\"lat\":52.5}"));
            assertEquals(0, publish(ingest, "devices/courier-1/commands", "{\"command\":\"ping\"}"));

            await().atMost(DELIVERY).untilAsserted(() -> {
                assertTrue(ingested.contains("devices/courier-1/telemetry {\"lat\":52.5}"), ingested::toString);
                assertEquals(List.of("devices/courier-1/commands {\"command\":\"ping\"}"), List.copyOf(commands));
            });
        } finally {
            close(device);
            close(ingest);
        }
    }

    @Test
    void aDeviceCannotSpeakForAnotherNorListenToIt() throws Exception {
        Queue<String> ingested = new ConcurrentLinkedQueue<>();
        MqttAsyncClient ingest = mqtt("iot-ingest-link", "iot-ingest", "iot-ingest");
        ingest.setCallback(new Collecting(ingested));
        ingest.subscribe("devices/#", 1).waitForCompletion(WAIT);
        MqttAsyncClient device = mqtt("courier-1", "courier-1", "secret-of-courier-1");
        try {
            for (String topic : List.of("devices/courier-2/commands", "devices/+/commands", "devices/#", "devices/courier-2/telemetry",
                    "devices/courier-1/telemetry")) {
                assertArrayEquals(new int[] {NOT_AUTHORIZED}, subscribe(device, topic), "subscribe " + topic);
            }
            for (String topic : List.of("devices/courier-2/telemetry", "devices/courier-1/commands", "order-events",
                    "devices/courier-1/telemetry/extra")) {
                assertEquals(NOT_AUTHORIZED, publish(device, topic, "{\"forged\":true}"), "publish " + topic);
            }
            // Its own topic still works, and nothing forged arrived before it.
            assertEquals(0, publish(device, "devices/courier-1/status", "{\"status\":\"online\"}"));
            await().atMost(DELIVERY).until(() -> !ingested.isEmpty());
            assertEquals(List.of("devices/courier-1/status {\"status\":\"online\"}"), List.copyOf(ingested));
            assertEquals(0, broker.messageCount("DLQ.order-events"));
        } finally {
            close(device);
            close(ingest);
        }
    }

    @Test
    void aDeviceLogsInOnlyWithTheCredentialsIotIngestIssuedIt() throws Exception {
        MqttException wrong = assertThrows(MqttException.class, () -> mqtt("courier-1", "courier-1", "secret-of-courier-2"));
        assertEquals(BAD_USER_NAME_OR_PASSWORD, wrong.getReasonCode());
        assertThrows(MqttException.class, () -> mqtt("courier-3", "courier-3", "anything"));
        // Revoked at iot-ingest: the next connection is refused (Artemis' login cache is per password, and this is a
        // broker that has not seen the revoked one succeed).
        iotIngest.issue("courier-4", "first");
        iotIngest.revoke("courier-4");
        assertThrows(MqttException.class, () -> mqtt("courier-4", "courier-4", "first"));
        // A device login is no service login: AMQP as a device reaches nothing.
        AmqpClient asDevice = AmqpClient.create(vertx, new AmqpClientOptions().setHost(broker.host())
                .setPort(broker.port(Protocol.AMQP)).setUsername("courier-1").setPassword("secret-of-courier-1"));
        try {
            AmqpConnection connection = join(asDevice.connect());
            assertThrows(Exception.class, () -> send(connection, "order-events"));
        } finally {
            join(asDevice.close());
        }
    }

    @Test
    void withIotIngestUnreachableDevicesCannotLogInButServicesCan(@TempDir Path otherData) throws Exception {
        broker.close();
        broker = new EmbeddedBroker(TestBrokers.settings(otherData)
                .withDeviceLogins("http://127.0.0.1:1/internal/broker/device-logins", "broker-token")).start();
        assertThrows(MqttException.class, () -> mqtt("courier-1", "courier-1", "secret-of-courier-1"));
        assertTrue(sends("order-service", "order-events"));
    }

    @Test
    void anMqttPacketOverTheLimitClosesTheSendersConnection() throws Exception {
        MqttAsyncClient device = mqtt("courier-1", "courier-1", "secret-of-courier-1");
        try {
            device.publish("devices/courier-1/telemetry", new MqttMessage(new byte[1_500_000], 1, false, null));
            await().atMost(DELIVERY).until(() -> !device.isConnected());
        } finally {
            device.close();
        }
        // A message of a fair size still goes through on a new connection.
        MqttAsyncClient again = mqtt("courier-1", "courier-1", "secret-of-courier-1");
        try {
            assertEquals(0, publish(again, "devices/courier-1/telemetry", new String(new byte[60_000], StandardCharsets.UTF_8)));
        } finally {
            close(again);
        }
    }

    private boolean sends(String login, String address) throws Exception {
        AmqpClient client = amqp(login);
        try {
            AmqpConnection connection = join(client.connect());
            try {
                send(connection, address);
                return true;
            } catch (Exception refused) {
                return false;
            }
        } finally {
            join(client.close());
        }
    }

    private static void send(AmqpConnection connection, String address) throws Exception {
        AmqpSender sender = join(connection.createSender(address));
        join(sender.sendWithAck(AmqpMessage.create().withBody("{\"forged\":true}").durable(true).build()));
    }

    private AmqpClient amqp(String login) {
        String password = switch (login) {
            case "board" -> broker.settings().boardPassword();
            default -> broker.settings().servicePasswords().get(login);
        };
        return AmqpClient.create(vertx, new AmqpClientOptions()
                .setHost(broker.host())
                .setPort(broker.port(Protocol.AMQP))
                .setUsername(login)
                .setPassword(password));
    }

    private MqttAsyncClient mqtt(String clientId, String user, String password) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(broker.url(Protocol.MQTT).replace("mqtt://", "tcp://"), clientId, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(user);
        options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        options.setCleanStart(true);
        options.setAutomaticReconnect(false);
        try {
            client.connect(options).waitForCompletion(WAIT);
        } catch (MqttException e) {
            client.close();
            throw e;
        }
        return client;
    }

    /** The broker's answer: the PUBACK's reason code (0 for success, 0x87 for not authorized). */
    private static int publish(MqttAsyncClient client, String topic, String json) {
        try {
            IMqttToken token = client.publish(topic, new MqttMessage(json.getBytes(StandardCharsets.UTF_8), 1, false, null));
            token.waitForCompletion(WAIT);
            int[] codes = token.getReasonCodes();
            return codes == null || codes.length == 0 ? 0 : codes[0];
        } catch (MqttException e) {
            return e.getReasonCode();
        }
    }

    private static int[] subscribe(MqttAsyncClient client, String topic) throws MqttException {
        IMqttToken token = client.subscribe(topic, 1);
        token.waitForCompletion(WAIT);
        return token.getReasonCodes();
    }

    private static void close(MqttAsyncClient client) throws MqttException {
        if (client.isConnected()) {
            client.disconnect().waitForCompletion(WAIT);
        }
        client.close();
    }
}
