package dev.dispatch.broker;

import static dev.dispatch.broker.TestBrokers.join;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.amqp.AmqpClient;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.amqp.AmqpConnection;
import io.vertx.amqp.AmqpMessage;
import io.vertx.amqp.AmqpReceiver;
import io.vertx.amqp.AmqpSender;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.ext.stomp.StompClient;
import io.vertx.ext.stomp.StompClientConnection;
import io.vertx.ext.stomp.StompClientOptions;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;

/** A message goes in and comes out again through each protocol, with a real client over TCP. */
class ProtocolRoundTripTest {

    private static final Duration DELIVERY = Duration.ofSeconds(15);

    private static Vertx vertx;
    private EmbeddedBroker broker;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void closeVertx() throws Exception {
        join(vertx.close());
    }

    @BeforeEach
    void startBroker(@TempDir Path dataDir) throws Exception {
        broker = TestBrokers.start(dataDir);
    }

    @AfterEach
    void stopBroker() {
        try {
            // Let the broker finish cleaning up after its clients before it stops.
            await().atMost(DELIVERY).until(() -> broker.connectionCount() == 0);
        } finally {
            broker.close();
        }
    }

    @Test
    void amqpEventReachesThePreCreatedQueue() throws Exception {
        AmqpClient client = TestBrokers.amqpClient(vertx, broker);
        try {
            AmqpConnection connection = join(client.connect());
            Queue<String> received = new ConcurrentLinkedQueue<>();
            AmqpReceiver receiver = join(connection.createReceiver("order-events::order-events.notification-service"));
            receiver.handler(message -> received.add(message.bodyAsString()));
            AmqpSender sender = join(connection.createSender("order-events"));

            join(sender.sendWithAck(AmqpMessage.create().withBody("order placed").durable(true).build()));

            await().atMost(DELIVERY).untilAsserted(() -> assertEquals(List.of("order placed"), List.copyOf(received)));
        } finally {
            join(client.close());
        }
    }

    @Test
    void amqpRefusesAWrongPassword() throws Exception {
        AmqpClient client = AmqpClient.create(vertx, new AmqpClientOptions()
                .setHost(broker.host())
                .setPort(broker.port(Protocol.AMQP))
                .setUsername(broker.user())
                .setPassword("not-" + broker.password()));
        try {
            assertThrows(Exception.class, () -> join(client.connect()));
        } finally {
            join(client.close());
        }
    }

    @Test
    void mqtt311TelemetryRoundTrip() throws Exception {
        MqttClient client = MqttClient.create(vertx, new MqttClientOptions()
                .setClientId("round-trip-311")
                .setUsername(broker.user())
                .setPassword(broker.password()));
        Queue<String> received = new ConcurrentLinkedQueue<>();
        Promise<Void> subscribed = Promise.promise();
        client.publishHandler(message -> received.add(message.topicName() + " " + message.payload()));
        client.subscribeCompletionHandler(ack -> subscribed.tryComplete());

        join(client.connect(broker.port(Protocol.MQTT), broker.host()));
        try {
            client.subscribe("devices/+/telemetry", MqttQoS.AT_LEAST_ONCE.value());
            join(subscribed.future());
            join(client.publish("devices/dev-1/telemetry", Buffer.buffer("{\"celsius\":4.5}"),
                    MqttQoS.AT_LEAST_ONCE, false, false));

            await().atMost(DELIVERY).untilAsserted(() ->
                    assertEquals(List.of("devices/dev-1/telemetry {\"celsius\":4.5}"), List.copyOf(received)));
        } finally {
            join(client.disconnect());
        }
    }

    @Test
    void mqtt5StatusRoundTrip() throws Exception {
        String url = "tcp://" + broker.host() + ":" + broker.port(Protocol.MQTT);
        var client = new org.eclipse.paho.mqttv5.client.MqttClient(url, "round-trip-5", new MemoryPersistence());
        Queue<String> received = new ConcurrentLinkedQueue<>();
        client.setCallback(new Collecting(received));
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(broker.user());
        options.setPassword(broker.password().getBytes(StandardCharsets.UTF_8));
        options.setCleanStart(true);
        try {
            client.connect(options);
            client.subscribe("devices/+/status", 1);
            client.publish("devices/dev-2/status", new MqttMessage("online".getBytes(StandardCharsets.UTF_8), 1, false, null));

            await().atMost(DELIVERY).untilAsserted(() ->
                    assertEquals(List.of("devices/dev-2/status online"), List.copyOf(received)));
        } finally {
            if (client.isConnected()) {
                client.disconnect();
            }
            client.close();
        }
    }

    @Test
    void stompRoundTrip() throws Exception {
        StompClient client = StompClient.create(vertx, new StompClientOptions()
                .setHost(broker.host())
                .setPort(broker.port(Protocol.STOMP))
                .setLogin(broker.user())
                .setPasscode(broker.password()));
        try {
            StompClientConnection connection = join(client.connect());
            Queue<String> received = new ConcurrentLinkedQueue<>();
            // Completes on the broker's RECEIPT, so the subscription exists before we send.
            join(connection.subscribe("dispatch-board", frame -> received.add(frame.getBodyAsString())));
            join(connection.send("dispatch-board", Buffer.buffer("courier assigned")));

            await().atMost(DELIVERY).untilAsserted(() -> assertEquals(List.of("courier assigned"), List.copyOf(received)));
            join(connection.disconnect());
        } finally {
            client.close();
        }
    }

    @Test
    void stompOverWebSocketRoundTrip() throws Exception {
        HttpClient http = vertx.createHttpClient();
        try {
            WebSocket socket = join(http.webSocket(new WebSocketConnectOptions()
                    .setHost(broker.host())
                    .setPort(broker.port(Protocol.STOMP_WS))
                    .setURI("/")
                    .addSubProtocol("v12.stomp")));
            StompFrames frames = new StompFrames();
            socket.textMessageHandler(frames::add);
            socket.binaryMessageHandler(buffer -> frames.add(buffer.toString(StandardCharsets.UTF_8)));

            socket.writeTextMessage("CONNECT\naccept-version:1.2\nhost:localhost\nlogin:" + broker.user()
                    + "\npasscode:" + broker.password() + "\n\n\0");
            await().atMost(DELIVERY).until(() -> frames.any("CONNECTED"));

            socket.writeTextMessage("SUBSCRIBE\nid:board\ndestination:dispatch-board-ws\nack:auto\nreceipt:subscribed\n\n\0");
            await().atMost(DELIVERY).until(() -> frames.any("RECEIPT"));

            socket.writeTextMessage("SEND\ndestination:dispatch-board-ws\ncontent-type:text/plain\n\norder 42 on its way\0");
            await().atMost(DELIVERY).until(() -> frames.any("MESSAGE"));
            assertEquals("order 42 on its way", frames.body("MESSAGE"));

            socket.writeTextMessage("DISCONNECT\nreceipt:bye\n\n\0");
            await().atMost(DELIVERY).until(() -> frames.count("RECEIPT") == 2);
            // The broker hangs up after the DISCONNECT receipt.
            await().atMost(DELIVERY).until(socket::isClosed);
        } finally {
            join(http.close());
        }
    }

    /** STOMP frames as the WebSocket delivers them, one or more per message, NUL-terminated. */
    private static final class StompFrames {
        private final Queue<String> frames = new ConcurrentLinkedQueue<>();

        void add(String text) {
            for (String frame : text.split("\0")) {
                String trimmed = frame.replaceFirst("^\\s+", "");
                if (!trimmed.isEmpty()) {
                    frames.add(trimmed);
                }
            }
        }

        boolean any(String command) {
            return frames.stream().anyMatch(frame -> frame.startsWith(command + "\n"));
        }

        long count(String command) {
            return frames.stream().filter(frame -> frame.startsWith(command + "\n")).count();
        }

        String body(String command) {
            String frame = frames.stream().filter(f -> f.startsWith(command + "\n")).findFirst().orElseThrow();
            return frame.substring(frame.indexOf("\n\n") + 2);
        }
    }
}
