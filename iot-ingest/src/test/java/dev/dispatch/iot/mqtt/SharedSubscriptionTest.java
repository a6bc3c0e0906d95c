package dev.dispatch.iot.mqtt;

import static dev.dispatch.iot.support.Db.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.dispatch.iot.support.DeviceClient;
import dev.dispatch.iot.support.Wait;
import dev.dispatch.testsupport.broker.ArtemisTestResource;
import dev.dispatch.testsupport.broker.TestBroker;
import dev.dispatch.testsupport.postgres.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import jakarta.inject.Inject;

/**
 * Replicas share the device subscription: iot-ingest's link and a second subscriber in the same share group (an
 * MQTT 3.1.1 client, as the link is, with a client id of its own and a persistent session) each get a part of the
 * device messages, and together every one of them, each once.
 */
@QuarkusTest
class SharedSubscriptionTest {

    private static final int READINGS = 100;

    @Inject
    DeviceLink link;

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void closeVertx() {
        Wait.on(vertx.close());
    }

    @Test
    void twoSubscribersOfTheShareGroupEachGetAPartAndTogetherAllOnce() {
        assertThat(link.subscription()).isEqualTo("$share/iot-ingest/devices/#");
        String id = "shared-" + UUID.randomUUID();
        try (DeviceClient device = DeviceClient.online(vertx, id)) {
            // Registered by iot-ingest before the second subscriber could take the online status.
            await().atMost(Wait.LONG).until(() -> count("select count(*) from device where id = '" + id + "'") == 1);

            Set<Integer> second = ConcurrentHashMap.newKeySet();
            AtomicInteger twice = new AtomicInteger();
            TestBroker broker = ArtemisTestResource.broker();
            MqttClientOptions options = new MqttClientOptions().setClientId("second-replica-" + UUID.randomUUID()).setCleanSession(false)
                    .setUsername(broker.user()).setPassword(broker.password());
            options.setAutoAck(true);
            MqttClient replica = MqttClient.create(vertx, options);
            replica.publishHandler(message -> {
                if (message.topicName().equals("devices/" + id + "/telemetry")) {
                    if (!second.add(new JsonObject(message.payload()).getDouble("cargoTemperatureC").intValue())) {
                        twice.incrementAndGet();
                    }
                }
            });
            Wait.on(replica.connect(broker.mqttPort(), broker.host()));
            try {
                Wait.on(replica.subscribe(link.subscription(), 1));

                Instant t = Instant.now().minusSeconds(600);
                for (int i = 0; i < READINGS; i++) {
                    device.telemetry(t.plusSeconds(i), 52.5, 13.4, i, 80);
                }
                await().atMost(Wait.LONG).until(() -> stored(id).size() + second.size() == READINGS);
                await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                        .until(() -> stored(id).size() + second.size() == READINGS);
            } finally {
                // Gone without unsubscribing, as a replica that never comes back: the group's queue stays.
                Wait.on(replica.disconnect());
            }

            Set<Integer> first = stored(id);
            assertThat(first).as("iot-ingest's part").isNotEmpty();
            assertThat(second).as("the second subscriber's part").isNotEmpty();
            assertThat(twice.get()).as("readings the second subscriber got twice").isZero();
            assertThat(first).doesNotContainAnyElementsOf(second);
            Set<Integer> all = new HashSet<>(first);
            all.addAll(second);
            assertThat(all).isEqualTo(IntStream.range(0, READINGS).boxed().collect(Collectors.toSet()));
            assertThat(link.isUp()).isTrue();
        }
    }

    private static Set<Integer> stored(String deviceId) {
        return TestDatabase.column("select cargo_temperature_c::int from telemetry where device_id = '" + deviceId + "'").stream()
                .map(Integer::valueOf).collect(Collectors.toSet());
    }
}
