package dev.dispatch.broker;

import static dev.dispatch.broker.TestBrokers.join;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;

/**
 * Bursts of MQTT traffic: many new devices publishing their first QoS 1 messages at once, each to addresses
 * the broker auto-creates on the spot, read by wildcard subscribers like iot-ingest's.
 * <p>
 * Guards against Netty 4.1.133's MqttDecoder (the version the Quarkus BOM manages), which rejects any packet
 * whose variable header (for a PUBLISH: its topic) arrives split over two TCP reads with a bogus
 * "TooLongFrameException: message length exceeds ...", and closes the connection (netty/netty#16776, fixed in
 * 4.1.134+). Under a burst that happens in the subscriber's client (a clean-session subscriber loses what the
 * broker had already acknowledged to the devices) and in the broker itself (it hangs up on a device).
 */
class MqttBurstDeliveryTest {

    private static final Duration DELIVERY = Duration.ofSeconds(30);
    private static final int DEVICES = 30;
    private static final int READINGS = 4;
    private static final int ROUNDS = 3;

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
            await().atMost(DELIVERY).until(() -> broker.connectionCount() == 0);
        } finally {
            broker.close();
        }
    }

    /** The broker's decoder and the Vert.x client's (its default limit), fed a PUBLISH cut inside its topic. */
    @ParameterizedTest(name = "max bytes in message {0}")
    @ValueSource(ints = {268_435_455, 8092})
    void decoderWaitsForTheRestOfATopicSplitOverTwoReads(int maxBytesInMessage) {
        ByteBuf frame = publishFrame("devices/courier-7/telemetry", "{\"batteryPercent\":80}");
        EmbeddedChannel channel = new EmbeddedChannel(new MqttDecoder(maxBytesInMessage));
        try {
            // 2 bytes of fixed header, then 2 of topic length: the cut falls inside the topic.
            channel.writeInbound(frame.readRetainedSlice(6));
            channel.writeInbound(frame);

            MqttPublishMessage publish = assertInstanceOf(MqttPublishMessage.class, channel.readInbound());
            assertTrue(publish.decoderResult().isSuccess(), () -> publish.decoderResult().toString());
            assertEquals("devices/courier-7/telemetry", publish.variableHeader().topicName());
            assertEquals("{\"batteryPercent\":80}", publish.payload().toString(StandardCharsets.UTF_8));
            publish.release();
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void everyAcknowledgedFirstMessageOfNewDevicesReachesTheWildcardSubscribers() throws Exception {
        Subscriber ingest = subscribe("burst-ingest", false, "devices/#");
        Subscriber telemetryWatch = subscribe("burst-watch", true, "devices/+/telemetry");

        for (int round = 0; round < ROUNDS; round++) {
            // New device ids every round, so every topic is a new address, created by its first publish.
            Set<String> acknowledged = publishFirstMessagesAtOnce("courier-r" + round + "-");
            Set<String> telemetry = new TreeSet<>();
            acknowledged.stream().filter(m -> m.contains("/telemetry ")).forEach(telemetry::add);
            assertEquals(DEVICES * (READINGS + 2), acknowledged.size(), "PUBACKs of round " + round);

            String of = "round " + round;
            await().atMost(DELIVERY).untilAsserted(() -> {
                assertEquals(List.of(), ingest.errors(), "the devices/# subscriber's connection");
                assertEquals(List.of(), telemetryWatch.errors(), "the devices/+/telemetry subscriber's connection");
                assertEquals(acknowledged, ingest.arrivedOf(acknowledged), "devices/# of " + of);
                assertEquals(telemetry, telemetryWatch.arrivedOf(telemetry), "devices/+/telemetry of " + of);
            });
        }
    }

    /** One device's burst, larger than one TCP read at either end: all of it acknowledged, all of it delivered. */
    @Test
    void aBurstFromOneDeviceIsAcknowledgedAndDeliveredInFull() throws Exception {
        Subscriber ingest = subscribe("burst-ingest", false, "devices/#");
        int readings = 400;
        MqttClient device = connect("courier-burst", true, readings);
        Queue<String> problems = watch(device);
        Set<Integer> acked = ConcurrentHashMap.newKeySet();
        device.publishCompletionHandler(acked::add);
        Set<String> sent = new TreeSet<>();

        for (int i = 0; i < readings; i++) {
            String payload = "{\"seq\":" + i + "}";
            sent.add("devices/courier-burst/telemetry " + payload);
            device.publish("devices/courier-burst/telemetry", Buffer.buffer(payload), MqttQoS.AT_LEAST_ONCE, false, false);
        }

        await().atMost(DELIVERY).untilAsserted(() -> {
            assertEquals(List.of(), List.copyOf(problems), "the device's connection");
            assertEquals(List.of(), ingest.errors(), "the subscriber's connection");
            assertEquals(readings, acked.size(), "PUBACKs");
            assertEquals(sent, ingest.arrivedOf(sent));
        });
    }

    private Set<String> publishFirstMessagesAtOnce(String idPrefix) throws Exception {
        List<MqttClient> devices = new ArrayList<>();
        for (int d = 0; d < DEVICES; d++) {
            devices.add(connect(idPrefix + d, true, READINGS + 2));
        }
        List<Promise<Void>> allAcked = new ArrayList<>();
        List<Map<Integer, String>> sentByPacketId = new ArrayList<>();
        List<Set<Integer>> ackedPacketIds = new ArrayList<>();
        for (int d = 0; d < DEVICES; d++) {
            Map<Integer, String> sent = new ConcurrentHashMap<>();
            Set<Integer> acked = ConcurrentHashMap.newKeySet();
            Promise<Void> done = Promise.promise();
            sentByPacketId.add(sent);
            ackedPacketIds.add(acked);
            allAcked.add(done);
            devices.get(d).publishCompletionHandler(packetId -> {
                acked.add(packetId);
                if (acked.size() == READINGS + 2) {
                    done.tryComplete();
                }
            });
        }
        // Every device fires its online status, readings and an event without waiting for any PUBACK.
        for (int d = 0; d < DEVICES; d++) {
            MqttClient device = devices.get(d);
            Map<Integer, String> sent = sentByPacketId.get(d);
            String topic = "devices/" + idPrefix + d + "/";
            publish(device, sent, topic + "status", "{\"status\":\"online\"}", true);
            for (int i = 0; i < READINGS; i++) {
                publish(device, sent, topic + "telemetry", "{\"seq\":" + i + "}", false);
            }
            publish(device, sent, topic + "events", "{\"type\":\"door-opened\"}", false);
        }
        for (Promise<Void> done : allAcked) {
            join(done.future());
        }
        Set<String> acknowledged = new TreeSet<>();
        for (int d = 0; d < DEVICES; d++) {
            Set<Integer> acked = ackedPacketIds.get(d);
            sentByPacketId.get(d).forEach((packetId, message) -> {
                if (acked.contains(packetId)) {
                    acknowledged.add(message);
                }
            });
            join(devices.get(d).disconnect());
        }
        return acknowledged;
    }

    private static void publish(MqttClient device, Map<Integer, String> sent, String topic, String payload, boolean retain) {
        device.publish(topic, Buffer.buffer(payload), MqttQoS.AT_LEAST_ONCE, false, retain)
                .onSuccess(packetId -> sent.put(packetId, topic + " " + payload));
    }

    private MqttClient connect(String clientId, boolean cleanSession, int inFlight) throws Exception {
        MqttClient client = MqttClient.create(vertx, new MqttClientOptions()
                .setClientId(clientId)
                .setCleanSession(cleanSession)
                .setMaxInflightQueue(Math.max(10, inFlight))
                .setUsername(broker.user())
                .setPassword(broker.password()));
        clients.add(client);
        join(client.connect(broker.port(Protocol.MQTT), broker.host()));
        return client;
    }

    private static Queue<String> watch(MqttClient client) {
        Queue<String> problems = new ConcurrentLinkedQueue<>();
        client.exceptionHandler(e -> problems.add(e.toString()));
        client.closeHandler(v -> problems.add("connection closed"));
        return problems;
    }

    private Subscriber subscribe(String clientId, boolean cleanSession, String filter) throws Exception {
        MqttClient client = connect(clientId, cleanSession, 10);
        Subscriber subscriber = new Subscriber(ConcurrentHashMap.newKeySet(), watch(client));
        Promise<Void> subscribed = Promise.promise();
        client.publishHandler(message -> subscriber.received().add(message.topicName() + " " + message.payload()));
        client.subscribeCompletionHandler(ack -> subscribed.tryComplete());
        client.subscribe(filter, MqttQoS.AT_LEAST_ONCE.value());
        join(subscribed.future());
        return subscriber;
    }

    private record Subscriber(Set<String> received, Queue<String> problems) {
        List<String> errors() {
            return List.copyOf(problems);
        }

        /** Of the expected messages, those that arrived. */
        Set<String> arrivedOf(Set<String> expected) {
            Set<String> arrived = new TreeSet<>(expected);
            arrived.retainAll(received);
            return arrived;
        }
    }

    private static ByteBuf publishFrame(String topic, String payload) {
        EmbeddedChannel encoder = new EmbeddedChannel(MqttEncoder.INSTANCE);
        try {
            encoder.writeOutbound(new MqttPublishMessage(
                    new MqttFixedHeader(MqttMessageType.PUBLISH, false, MqttQoS.AT_LEAST_ONCE, false, 0),
                    new MqttPublishVariableHeader(topic, 1),
                    Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8)));
            ByteBuf frame = Unpooled.buffer();
            for (ByteBuf part; (part = encoder.readOutbound()) != null; ) {
                frame.writeBytes(part);
                part.release();
            }
            return frame;
        } finally {
            encoder.finishAndReleaseAll();
        }
    }
}
