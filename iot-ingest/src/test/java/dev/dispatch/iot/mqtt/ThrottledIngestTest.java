package dev.dispatch.iot.mqtt;

import static dev.dispatch.iot.support.Db.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.dispatch.iot.support.DeviceClient;
import dev.dispatch.iot.support.Wait;
import dev.dispatch.testsupport.broker.ArtemisTestResource;
import dev.dispatch.testsupport.broker.TestBroker;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import jakarta.inject.Inject;

/**
 * More readings than the ingest buffer holds, with a buffer far smaller than the broker's window (1,000 in flight):
 * the link stops reading while the buffer is full and reads on once it drained, on the same connection. It used to
 * leave the broker and come back instead; under a long overload those cycles exhausted the session's packet ids in
 * Artemis and ingest stopped for good (BENCHMARKS.md, mqtt-ingest at 3,800/s).
 */
@QuarkusTest
@TestProfile(ThrottledIngestTest.SmallBuffer.class)
class ThrottledIngestTest {

    public static class SmallBuffer implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dispatch.iot.batch.capacity", "100", "dispatch.iot.batch.max-size", "40");
        }
    }

    private static final int DEVICES = 20;
    private static final int READINGS_PER_DEVICE = 100;

    @Inject
    DeviceLink link;

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        Wait.on(vertx.close());
    }

    @Test
    void aFullBufferPausesTheLinkOnItsConnectionAndEveryReadingIsStored() {
        String run = "throttle-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<DeviceClient> devices = new ArrayList<>();
        for (int d = 0; d < DEVICES; d++) {
            devices.add(DeviceClient.online(vertx, run + d));
        }
        await().atMost(Wait.LONG).until(() -> count("select count(*) from device where id like '" + run + "%'") == DEVICES);
        await().atMost(Wait.LONG).until(link::isUp);
        long connectionsBefore = link.connections();
        long throttlesBefore = link.throttles();

        MqttClient publisher = publisher();
        Set<Integer> acked = ConcurrentHashMap.newKeySet();
        publisher.publishCompletionHandler(acked::add);
        Instant start = Instant.now().minusSeconds(READINGS_PER_DEVICE + 60);
        for (int i = 0; i < READINGS_PER_DEVICE; i++) {
            for (int d = 0; d < DEVICES; d++) {
                String id = run + d;
                String payload = DeviceClient.reading(id, start.plusSeconds(i), 52.5, 13.4, 4, 80).encode();
                publisher.publish("devices/" + id + "/telemetry", Buffer.buffer(payload), MqttQoS.AT_LEAST_ONCE, false, false);
            }
        }
        int total = DEVICES * READINGS_PER_DEVICE;
        await().atMost(Wait.LONG).until(() -> acked.size() == total);

        await().atMost(Duration.ofSeconds(60)).until(
                () -> count("select count(*) from telemetry where device_id like '" + run + "%'") == total);
        assertThat(link.throttles()).as("times the full buffer paused the link").isGreaterThan(throttlesBefore);
        assertThat(link.connections()).as("connections made during the overload").isEqualTo(connectionsBefore);
        assertThat(link.isThrottled()).isFalse();
        assertThat(link.isUp()).isTrue();

        Wait.on(publisher.disconnect());
        devices.forEach(DeviceClient::close);
    }

    private MqttClient publisher() {
        TestBroker broker = ArtemisTestResource.broker();
        MqttClient client = MqttClient.create(vertx, new MqttClientOptions()
                .setClientId("throttle-publisher-" + UUID.randomUUID())
                .setUsername(broker.user()).setPassword(broker.password())
                .setMaxInflightQueue(DEVICES * READINGS_PER_DEVICE));
        Wait.on(client.connect(broker.mqttPort(), broker.host()));
        return client;
    }
}
