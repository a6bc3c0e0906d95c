package dev.dispatch.iot.mqtt;

import static dev.dispatch.iot.support.Db.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.dispatch.iot.mqtt.DeviceLink;
import dev.dispatch.iot.support.DeviceClient;
import dev.dispatch.iot.support.Wait;
import dev.dispatch.testsupport.broker.ArtemisTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;

/**
 * iot-ingest's MQTT session outlives its connection: what devices publish while it is away waits in the broker
 * (the queue of the replicas' shared subscription, iot-ingest.devices.#, named after the share group, is kept despite
 * auto-delete-queues on '#') and is stored when it is back.
 */
@QuarkusTest
class PersistentSessionTest {

    private static final String SUBSCRIPTION_QUEUE = "iot-ingest.devices.#";

    @Inject
    DeviceLink link;

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void reconnect() {
        link.reconnect();
        Wait.on(vertx.close());
    }

    @Test
    void readingsPublishedWhileIngestIsAwayAreStoredWhenItIsBack() {
        String id = "away-" + UUID.randomUUID();
        try (DeviceClient device = DeviceClient.online(vertx, id)) {
            await().atMost(Wait.LONG).until(() -> count("select count(*) from device where id = '" + id + "'") == 1);

            link.disconnect();
            await().atMost(Wait.LONG).until(() -> !link.isUp());
            Instant t = Instant.now().minusSeconds(30);
            for (int i = 0; i < 5; i++) {
                device.telemetry(t.plusSeconds(i), 52.5, 13.4, 4, 80);
            }
            // Kept by the broker for the absent subscriber, not stored yet.
            await().atMost(Wait.LONG).until(() -> ArtemisTestResource.broker().messageCount(SUBSCRIPTION_QUEUE) >= 5);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .until(() -> count("select count(*) from telemetry where device_id = '" + id + "'") == 0);

            link.reconnect();
            await().atMost(Wait.LONG).until(() -> count("select count(*) from telemetry where device_id = '" + id + "'") == 5);
            await().atMost(Wait.LONG).until(() -> ArtemisTestResource.broker().messageCount(SUBSCRIPTION_QUEUE) == 0);
            assertThat(link.isUp()).isTrue();
        }
    }
}
