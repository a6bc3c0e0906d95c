package dev.dispatch.simulator.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;

/**
 * The "iot-ingest side" in a test: an MQTT client of its own, on a Vert.x of its own, that records
 * what the devices publish and sends them commands.
 */
public final class MqttObserver implements AutoCloseable {

    public record Received(String topic, String payload, boolean retained, Instant at) {
        public JsonNode json() {
            try {
                return JSON.readTree(payload);
            } catch (Exception e) {
                throw new AssertionError("not JSON on " + topic + ": " + payload, e);
            }
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Vertx vertx = Vertx.vertx();
    private final MqttClient client;
    private final Queue<Received> received = new ConcurrentLinkedQueue<>();
    private volatile Promise<Void> subAck;

    public MqttObserver(String host, int port, String user, String password) {
        client = MqttClient.create(vertx, new MqttClientOptions()
                .setClientId("observer-" + UUID.randomUUID())
                .setUsername(user)
                .setPassword(password)
                .setCleanSession(true));
        client.publishHandler(m -> received.add(new Received(m.topicName(),
                m.payload().toString(StandardCharsets.UTF_8), m.isRetain(), Instant.now())));
        client.subscribeCompletionHandler(ack -> subAck.tryComplete());
        join(client.connect(port, host));
    }

    public static MqttObserver on(TestBrokers.Address broker) {
        return new MqttObserver(broker.host(), broker.port(), broker.user(), broker.password());
    }

    /** Subscribes at QoS 1 and returns once the broker acknowledged it. */
    public MqttObserver subscribe(String topicFilter) {
        Promise<Void> ack = Promise.promise();
        subAck = ack;
        client.subscribe(topicFilter, MqttQoS.AT_LEAST_ONCE.value());
        join(ack.future());
        return this;
    }

    public void publish(String topic, String payload) {
        join(client.publish(topic, Buffer.buffer(payload), MqttQoS.AT_LEAST_ONCE, false, false));
    }

    /** Sends a command by the contract and returns its id. */
    public String command(String deviceId, String type, String... arguments) {
        String commandId = UUID.randomUUID().toString();
        commandWithId(deviceId, commandId, type, arguments);
        return commandId;
    }

    public void commandWithId(String deviceId, String commandId, String type, String... arguments) {
        ObjectNode command = JSON.createObjectNode()
                .put("commandId", commandId)
                .put("type", type)
                .put("sentAt", Instant.now().toString());
        ObjectNode args = command.putObject("arguments");
        for (int i = 0; i + 1 < arguments.length; i += 2) {
            args.put(arguments[i], arguments[i + 1]);
        }
        publish("devices/" + deviceId + "/commands", command.toString());
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> on(String topic) {
        return received.stream().filter(r -> r.topic().equals(topic)).toList();
    }

    public List<JsonNode> telemetry(String deviceId) {
        return on("devices/" + deviceId + "/telemetry").stream().map(Received::json).toList();
    }

    public List<JsonNode> events(String deviceId) {
        return on("devices/" + deviceId + "/events").stream().map(Received::json).toList();
    }

    public List<JsonNode> events(String deviceId, String type) {
        return events(deviceId).stream().filter(e -> type.equals(e.path("type").asText())).toList();
    }

    /** The command-acks for one command id; {@code null} for those without one. */
    public List<JsonNode> acks(String deviceId, String commandId) {
        return events(deviceId, "command-ack").stream()
                .filter(e -> commandId == null ? e.get("commandId").isNull() : commandId.equals(e.path("commandId").asText()))
                .toList();
    }

    public List<String> statuses(String deviceId) {
        return on("devices/" + deviceId + "/status").stream().map(r -> r.json().path("status").asText()).toList();
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                join(client.disconnect());
            }
        } finally {
            join(vertx.close());
        }
    }

    private static <T> T join(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("MQTT observer: " + e.getMessage(), e);
        }
    }

}
