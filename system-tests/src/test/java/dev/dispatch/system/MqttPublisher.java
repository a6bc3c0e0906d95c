package dev.dispatch.system;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;

/** A plain MQTT 3.1.1 client of the system's broker (the operators' login) that publishes at QoS 1 and counts PUBACKs. */
final class MqttPublisher implements AutoCloseable {

    private static final Duration PUBACK = Duration.ofSeconds(30);

    private final Vertx vertx = Vertx.vertx();
    private final MqttClient client;
    private final java.util.concurrent.atomic.AtomicInteger acknowledged = new java.util.concurrent.atomic.AtomicInteger();

    MqttPublisher(DispatchSystem system) throws Exception {
        client = MqttClient.create(vertx, new MqttClientOptions().setClientId("systest-" + UUID.randomUUID())
                .setUsername(system.brokerUser()).setPassword(system.brokerPassword()).setCleanSession(true)
                .setMaxInflightQueue(1000));
        client.publishCompletionHandler(packetId -> acknowledged.incrementAndGet());
        client.connect(system.mqttPort(), system.brokerHost()).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** Publishes at QoS 1; returns once it is sent ({@link #acknowledged} counts what the broker took). */
    void publish(String topic, String json) throws Exception {
        client.publish(topic, Buffer.buffer(json), MqttQoS.AT_LEAST_ONCE, false, false)
                .toCompletionStage().toCompletableFuture().get(PUBACK.toSeconds(), TimeUnit.SECONDS);
    }

    /** PUBACKs received: messages the broker took responsibility for. */
    int acknowledged() {
        return acknowledged.get();
    }

    @Override
    public void close() throws Exception {
        if (client.isConnected()) {
            client.disconnect().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
