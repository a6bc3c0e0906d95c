package dev.dispatch.simulator.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.dispatch.simulator.device.DeviceSettings;
import dev.dispatch.simulator.geo.GeoPoint;
import dev.dispatch.simulator.geo.RouteShape;
import dev.dispatch.simulator.support.MqttObserver;
import dev.dispatch.simulator.support.RecordingListener;
import dev.dispatch.simulator.support.TestBrokers;
import dev.dispatch.testsupport.contracts.Contracts;

/**
 * What one simulated device puts on the real broker during a whole life — online, readings, every command answered,
 * a delivery with its door events, the clean offline — conforms to the MQTT contract (contracts/asyncapi.yaml), topic
 * by topic, as an independent subscriber receives it.
 */
class PublishedPayloadsConformTest {

    private static final Duration BOUND = Duration.ofSeconds(30);

    private final TestBrokers.Address broker = TestBrokers.mqtt();
    private final String prefix = "c" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private final String id = prefix + "1";
    private MqttObserver observer;
    private DeviceFleet fleet;

    @AfterEach
    void close() {
        if (fleet != null) {
            fleet.close();
        }
        if (observer != null) {
            observer.close();
        }
    }

    @Test
    void everythingADevicePublishesConformsToTheContract() {
        observer = MqttObserver.on(broker);
        observer.subscribe("devices/" + id + "/status").subscribe("devices/" + id + "/telemetry").subscribe("devices/" + id + "/events");
        DeviceSettings device = DeviceSettings.defaults().withReportInterval(Duration.ofMillis(500)).withSpeed(150)
                .withRoute(RouteShape.STREETS, 3);
        fleet = new DeviceFleet(new FleetSettings(broker.broker(), 1, prefix, device, 0,
                ConnectionSettings.defaults()), new RecordingListener());
        fleet.start().await().atMost(BOUND);
        await().atMost(BOUND).until(() -> observer.statuses(id).equals(List.of("online")) && !observer.telemetry(id).isEmpty());

        GeoPoint destination = device.start().offset(300, -250);
        List<String> commands = List.of(
                observer.command(id, "ping"),
                observer.command(id, "set-report-interval", "seconds", "1"),
                observer.command(id, "set-report-interval", "seconds", "0"),
                observer.command(id, "lock-cargo"),
                observer.command(id, "unlock-cargo"),
                observer.command(id, "self-destruct"),
                observer.command(id, "assign-order", "orderId", UUID.randomUUID().toString(),
                        "latitude", String.valueOf(destination.latitude()), "longitude", String.valueOf(destination.longitude())));
        await().atMost(BOUND).until(() -> observer.events(id, "delivered").size() == 1
                && commands.stream().allMatch(c -> observer.acks(id, c).size() == 1));
        fleet.stop().await().atMost(BOUND);
        // The clean stop ends with "offline"; how many "online" came before (the first, a ping's answer, a reconnect
        // on a busy machine) is not what this test is about.
        await().atMost(BOUND).until(() -> {
            List<String> statuses = observer.statuses(id);
            return statuses.size() >= 2 && statuses.get(0).equals("online") && statuses.get(statuses.size() - 1).equals("offline");
        });

        List<MqttObserver.Received> received = observer.received();
        assertThat(received).allSatisfy(message -> Contracts.assertValidMqtt(message.topic(), message.payload()));
        assertThat(observer.events(id)).extracting(e -> e.get("type").asText())
                .contains("command-ack", "door-opened", "delivered", "door-closed");
        assertThat(observer.telemetry(id)).hasSizeGreaterThan(1);
    }
}
