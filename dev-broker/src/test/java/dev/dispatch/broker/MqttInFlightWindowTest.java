package dev.dispatch.broker;

import static dev.dispatch.broker.TestBrokers.join;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import io.vertx.mqtt.messages.MqttPublishMessage;

/**
 * The MQTT acceptor's window (broker.xml, {@code defaultMaximumInFlightPublishMessages}): an MQTT 3.1.1 subscriber
 * that acknowledges nothing is sent exactly that many QoS 1 messages, and each acknowledgement lets one more through.
 * iot-ingest relies on it to be fed at the pace it stores, without its buffer or the session's packet ids filling up.
 */
class MqttInFlightWindowTest {

    private static final int WINDOW = 1000;
    private static final int PUBLISHED = WINDOW + 300;

    private static Vertx vertx;
    private EmbeddedBroker broker;
    private final List<MqttClient> clients = new ArrayList<>();

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
    void stopBroker() throws Exception {
        try {
            for (MqttClient client : clients) {
                if (client.isConnected()) {
                    join(client.disconnect());
                }
            }
        } finally {
            broker.close();
        }
    }

    @Test
    void aSubscriberThatAcknowledgesNothingGetsTheWindowAndEachAcknowledgementLetsOneMoreThrough() throws Exception {
        ConcurrentLinkedQueue<MqttPublishMessage> unacked = new ConcurrentLinkedQueue<>();
        Set<String> received = ConcurrentHashMap.newKeySet();
        MqttClientOptions manualAcks = new MqttClientOptions();
        manualAcks.setAutoAck(false);
        MqttClient ingest = connect("window-ingest", false, manualAcks);
        ingest.publishHandler(message -> {
            received.add(message.payload().toString());
            unacked.add(message);
        });
        Promise<Void> subscribed = Promise.promise();
        ingest.subscribeCompletionHandler(ack -> subscribed.tryComplete());
        ingest.subscribe("devices/#", MqttQoS.AT_LEAST_ONCE.value());
        join(subscribed.future());

        publish(PUBLISHED);

        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() == WINDOW);
        // The rest waits in the broker for as long as nothing is acknowledged.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> received.size() == WINDOW);

        for (int i = 0; i < 100; i++) {
            unacked.poll().ack();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() == WINDOW + 100);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> received.size() == WINDOW + 100);

        // Acknowledging as they come lets everything through, each message once.
        ingest.publishHandler(message -> {
            received.add(message.payload().toString());
            message.ack();
        });
        for (MqttPublishMessage message; (message = unacked.poll()) != null; ) {
            message.ack();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() == PUBLISHED);
    }

    /** QoS 1 readings from one device, each PUBACKed by the broker before this returns. */
    private void publish(int count) throws Exception {
        MqttClient device = connect("window-device", true, new MqttClientOptions().setMaxInflightQueue(count));
        Set<Integer> acked = ConcurrentHashMap.newKeySet();
        device.publishCompletionHandler(acked::add);
        for (int i = 0; i < count; i++) {
            device.publish("devices/courier-window/telemetry", Buffer.buffer("{\"seq\":" + i + "}"), MqttQoS.AT_LEAST_ONCE, false,
                    false);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> acked.size() == count);
    }

    private MqttClient connect(String clientId, boolean cleanSession, MqttClientOptions options) throws Exception {
        MqttClient client = MqttClient.create(vertx, options
                .setClientId(clientId)
                .setCleanSession(cleanSession)
                .setUsername(broker.user())
                .setPassword(broker.password()));
        clients.add(client);
        join(client.connect(broker.port(Protocol.MQTT), broker.host()));
        return client;
    }
}
