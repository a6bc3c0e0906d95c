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
 */
public final class DeviceClient implements AutoCloseable {

    private final Vertx vertx;
    private final MqttClient client;
    private final String deviceId;
    private final List<JsonObject> commands = new CopyOnWriteArrayList<>();
    private final Map<Integer, Promise<Void>> pubacks = new ConcurrentHashMap<>();
    private final java.util.Set<Integer> early = new java.util.HashSet<>();

    private DeviceClient(Vertx vertx, String deviceId) {
        this.vertx = vertx;
        this.deviceId = deviceId;
        TestBroker broker = ArtemisTestResource.broker();
        client = MqttClient.create(vertx, new MqttClientOptions()
                .setClientId("test-" + deviceId + "-" + UUID.randomUUID().toString().substring(0, 8))
                .setUsername(broker.user()).setPassword(broker.password())
                .setWillFlag(true).setWillTopic("devices/" + deviceId + "/status").setWillQoS(1).setWillRetain(true)
                .setWillMessageBytes(Buffer.buffer("{\"status\":\"offline\"}"))
                .setMaxInflightQueue(1000));
        client.publishCompletionHandler(this::pubacked);
        client.publishHandler(message -> {
            if (message.topicName().equals("devices/" + deviceId + "/commands")) {
                commands.add(new JsonObject(message.payload()));
            }
        });
        Wait.on(client.connect(broker.mqttPort(), broker.host()));
        Wait.on(client.subscribe("devices/" + deviceId + "/commands", 1));
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
        publish("devices/" + deviceId + "/status", new JsonObject().put("status", status).encode(), true);
    }

    public void telemetry(Instant deviceTime, double latitude, double longitude, double temperature, double battery) {
        publish("devices/" + deviceId + "/telemetry", reading(deviceId, deviceTime, latitude, longitude, temperature, battery).encode(), false);
    }

    public static JsonObject reading(String deviceId, Instant deviceTime, double latitude, double longitude, double temperature, double battery) {
        return new JsonObject().put("deviceId", deviceId).put("deviceTime", deviceTime.toString())
                .put("latitude", latitude).put("longitude", longitude)
                .put("cargoTemperatureC", temperature).put("batteryPercent", battery);
    }

    public void delivered(UUID eventId, String orderId, double latitude, double longitude) {
        publish("devices/" + deviceId + "/events", new JsonObject().put("eventId", eventId.toString()).put("deviceId", deviceId)
                .put("type", "delivered").put("deviceTime", Instant.now().toString()).put("orderId", orderId)
                .put("latitude", latitude).put("longitude", longitude).encode(), false);
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

    @Override
    public void close() {
        if (client.isConnected()) {
            // A clean DISCONNECT: the broker discards the will. Clear the retained status too, for the next test.
            Wait.on(client.disconnect());
        }
    }
}
