package dev.dispatch.iot.mqtt;

import static dev.dispatch.iot.support.Db.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.dispatch.iot.mqtt.DeviceLink;
import dev.dispatch.iot.support.DeviceClient;
import dev.dispatch.iot.support.Metrics;
import dev.dispatch.iot.support.Wait;
import dev.dispatch.testsupport.broker.ArtemisTestResource;
import dev.dispatch.testsupport.broker.TestBroker;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import jakarta.inject.Inject;

/**
 * A burst of QoS 1 readings from many devices, pushed without waiting for each PUBACK, with iot-ingest leaving and
 * coming back in the middle: the broker streams thousands of PUBLISH packets to iot-ingest, split across TCP reads
 * wherever the reads end. Every reading is stored, the link never drops by itself, and coming back to the
 * persistent session does not make the broker send the retained statuses again.
 */
@QuarkusTest
class BurstIngestTest {

    private static final int DEVICES = 40;
    private static final int READINGS_PER_DEVICE = 100;
    private static final int PUBLISHERS = 4;

    @Inject
    DeviceLink link;

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        link.reconnect();
        Wait.on(vertx.close());
    }

    @Test
    void everyReadingOfABurstIsStoredAndTheLinkStaysUp() throws InterruptedException {
        String run = "burst-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<DeviceClient> devices = new ArrayList<>();
        for (int d = 0; d < DEVICES; d++) {
            devices.add(DeviceClient.online(vertx, run + d));
        }
        await().atMost(Wait.LONG).until(() -> count("select count(*) from device where id like '" + run + "%'") == DEVICES);
        await().atMost(Wait.LONG).until(link::isUp);
        long lostBefore = link.lostConnections();
        double statusesBefore = Metrics.accepted("status");

        List<MqttClient> publishers = new ArrayList<>();
        for (int p = 0; p < PUBLISHERS; p++) {
            publishers.add(publisher());
        }
        Instant start = Instant.now().minusSeconds(READINGS_PER_DEVICE + 60);
        int half = READINGS_PER_DEVICE / 2;

        burst(publishers, run, start, 0, half);
        // Away while the first half is still streaming in, then the second half published while it is away.
        link.disconnect();
        await().atMost(Wait.LONG).until(() -> !link.isUp());
        burst(publishers, run, start, half, READINGS_PER_DEVICE);
        link.reconnect();

        long expected = (long) DEVICES * READINGS_PER_DEVICE;
        await().atMost(Duration.ofSeconds(60)).until(
                () -> count("select count(*) from telemetry where device_id like '" + run + "%'") == expected);
        assertThat(link.isUp()).isTrue();
        assertThat(link.lostConnections()).as("connections lost during the burst").isEqualTo(lostBefore);
        // The session was present: no second SUBSCRIBE, so no second round of retained statuses.
        assertThat(Metrics.accepted("status")).isEqualTo(statusesBefore);

        for (MqttClient publisher : publishers) {
            Wait.on(publisher.disconnect());
        }
        devices.forEach(DeviceClient::close);
    }

    /** Readings from..to of every device, spread over the publishers, all sent before any PUBACK is awaited. */
    private void burst(List<MqttClient> publishers, String run, Instant start, int from, int to) throws InterruptedException {
        int total = DEVICES * (to - from);
        CountDownLatch pubacks = new CountDownLatch(total);
        publishers.forEach(p -> p.publishCompletionHandler(id -> pubacks.countDown()));
        int n = 0;
        for (int i = from; i < to; i++) {
            for (int d = 0; d < DEVICES; d++) {
                String id = run + d;
                String payload = DeviceClient.reading(id, start.plusSeconds(i), 52.5, 13.4, 4, 80).encode();
                MqttClient publisher = publishers.get(n++ % publishers.size());
                Wait.on(publisher.publish("devices/" + id + "/telemetry", Buffer.buffer(payload), MqttQoS.AT_LEAST_ONCE, false,
                        false));
            }
        }
        assertThat(pubacks.await(Wait.LONG.toSeconds(), TimeUnit.SECONDS)).as("the broker acknowledged the burst").isTrue();
    }

    private MqttClient publisher() {
        TestBroker broker = ArtemisTestResource.broker();
        MqttClient client = MqttClient.create(vertx, new MqttClientOptions()
                .setClientId("burst-publisher-" + UUID.randomUUID())
                .setUsername(broker.user()).setPassword(broker.password())
                .setMaxInflightQueue(DEVICES * READINGS_PER_DEVICE));
        Wait.on(client.connect(broker.mqttPort(), broker.host()));
        return client;
    }
}
