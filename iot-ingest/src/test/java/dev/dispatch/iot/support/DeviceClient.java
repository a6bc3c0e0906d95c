package dev.dispatch.iot.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.dispatch.testsupport.broker.ArtemisTestResource;
import dev.dispatch.testsupport.broker.TestBroker;
import dev.dispatch.testsupport.contracts.Contracts;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;

/**
 * A device as the tests play it: a real MQTT client of the test broker, with the contract's last will
 * ({@code offline}, retained, QoS 1) and a subscription to its own commands topic. Every publish is QoS 1 and
 * waits for the broker's PUBACK.
 * <p>
 * Both sides of the MQTT contract ({@code contracts/mqtt}) are checked here: what it says through its own methods
 * (status, telemetry, delivered, the will) is valid by the contract before it is sent (a test that means to send a
 * bad message uses {@link #publish}), and every command iot-ingest sends it is checked as it arrives; {@link #close()}
 * fails the test if one was not valid.
 */
public final class DeviceClient implements AutoCloseable {

    private static final String WILL = "{\"status\":\"offline\"}";

    private final Vertx vertx;
    private final MqttClient client;
    private final String deviceId;
    private final List<JsonObject> commands = new CopyOnWriteArrayList<>();
    private final List<String> badCommands = new CopyOnWriteArrayList<>();
    private final Map<Integer, Promise<Void>> pubacks = new ConcurrentHashMap<>();
    private final java.util.Set<Integer> early = new java.util.HashSet<>();

    private DeviceClient(Vertx vertx, String deviceId) {
        this.vertx = vertx;
        this.deviceId = deviceId;
        TestBroker broker = ArtemisTestResource.broker();
        client = MqttClient.create(vertx, new MqttClientOptions()
                .setClientId("test-" + deviceId + "-" + UUID.randomUUID().toString().substring(0, 8))
                .setUsername(broker.user()).setPassword(broker.password())
                .setWillFlag(true).setWillTopic(statusTopic(deviceId)).setWillQoS(1).setWillRetain(true)
                .setWillMessageBytes(Buffer.buffer(valid(statusTopic(deviceId), WILL)))
                .setMaxInflightQueue(1000));
        client.publishCompletionHandler(this::pubacked);
        client.publishHandler(message -> {
            if (message.topicName().equals(commandsTopic(deviceId))) {
                List<String> errors = Contracts.mqttErrors(message.topicName(), message.payload().getBytes());
                if (!errors.isEmpty()) {
                    badCommands.add(message.payload() + ": " + errors);
                }
                commands.add(new JsonObject(message.payload()));
            }
        });
        Wait.on(client.connect(broker.mqttPort(), broker.host()));
        Wait.on(client.subscribe(commandsTopic(deviceId), 1));
    }

    /** Connected, not yet online. */
    public static DeviceClient connect(Vertx vertx, String deviceId) {
        return new DeviceClient(vertx, deviceId);
    }

    /** Connected and said online (so it is registered once iot-ingest has taken that). */
    public static DeviceClient online(Vertx vertx, String deviceId) {
        DeviceClient device = new DeviceClient(vertx, deviceId);
        device.status("online");
        return device;
    }

    public String id() {
        return deviceId;
    }

    public void status(String status) {
        publish(statusTopic(deviceId), valid(statusTopic(deviceId), new JsonObject().put("status", status).encode()), true);
    }

    public void telemetry(Instant deviceTime, double latitude, double longitude, double temperature, double battery) {
        publish(telemetryTopic(deviceId), reading(deviceId, deviceTime, latitude, longitude, temperature, battery).encode(), false);
    }

    /** A reading as the contract has it (checked). */
    public static JsonObject reading(String deviceId, Instant deviceTime, double latitude, double longitude, double temperature, double battery) {
        JsonObject reading = new JsonObject().put("deviceId", deviceId).put("deviceTime", deviceTime.toString())
                .put("latitude", latitude).put("longitude", longitude)
                .put("cargoTemperatureC", temperature).put("batteryPercent", battery);
        valid(telemetryTopic(deviceId), reading.encode());
        return reading;
    }

    public void delivered(UUID eventId, String orderId, double latitude, double longitude) {
        event(new JsonObject().put("eventId", eventId.toString()).put("deviceId", deviceId)
                .put("type", "delivered").put("deviceTime", Instant.now().toString()).put("orderId", orderId)
                .put("latitude", latitude).put("longitude", longitude));
    }

    /** A device event as the contract has it (checked), on devices/{deviceId}/events. */
    public void event(JsonObject event) {
        String topic = "devices/" + deviceId + "/events";
        publish(topic, valid(topic, event.encode()), false);
    }

    /** Any payload on any topic, QoS 1. */
    public void publish(String topic, String payload, boolean retain) {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8), retain);
    }

    public void publish(String topic, byte[] payload, boolean retain) {
        Promise<Void> acked = Promise.promise();
        Integer packetId = Wait.on(client.publish(topic, Buffer.buffer(payload), MqttQoS.AT_LEAST_ONCE, false, retain));
        awaitPuback(packetId, acked);
        Wait.on(acked.future());
    }

    // The packet id is known only once sent, and the PUBACK may have come already by then.
    private synchronized void awaitPuback(int packetId, Promise<Void> acked) {
        if (early.remove(packetId)) {
            acked.complete();
        } else {
            pubacks.put(packetId, acked);
        }
    }

    private synchronized void pubacked(int packetId) {
        Promise<Void> acked = pubacks.remove(packetId);
        if (acked != null) {
            acked.complete();
        } else {
            early.add(packetId);
        }
    }

    /** The commands that reached this device, in order. */
    public List<JsonObject> commands() {
        return commands;
    }

    /** Disconnects; fails if a command this device received was not valid by the contract. */
    @Override
    public void close() {
        if (client.isConnected()) {
            // A clean DISCONNECT: the broker discards the will. Clear the retained status too, for the next test.
            Wait.on(client.disconnect());
        }
        if (!badCommands.isEmpty()) {
            throw new AssertionError("commands to " + deviceId + " not valid by contracts/mqtt/commands.json: " + badCommands);
        }
    }

    private static String statusTopic(String deviceId) {
        return "devices/" + deviceId + "/status";
    }

    private static String telemetryTopic(String deviceId) {
        return "devices/" + deviceId + "/telemetry";
    }

    private static String commandsTopic(String deviceId) {
        return "devices/" + deviceId + "/commands";
    }

    private static String valid(String topic, String payload) {
        Contracts.assertValidMqtt(topic, payload);
        return payload;
    }
}
