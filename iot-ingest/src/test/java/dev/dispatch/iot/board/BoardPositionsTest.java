package dev.dispatch.iot.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.dispatch.iot.support.DeviceClient;
import dev.dispatch.iot.support.Wait;
import dev.dispatch.testsupport.amqp.BrokerConnected;
import dev.dispatch.testsupport.contracts.Contracts;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.amqp.AmqpMessage;
import io.vertx.core.json.JsonObject;

/**
 * The couriers' positions for the web dispatch board: a device's stored readings reach the multicast address
 * board.positions, thinned to one per second of device time, as the contract's JSON, not durable.
 */
@QuarkusTest
class BoardPositionsTest extends BrokerConnected {

    private static final String ADDRESS = "board.positions";

    @Test
    void readingsReachTheBoardAtMostOncePerSecondPerCourier() {
        List<AmqpMessage> positions = broker.subscribe(ADDRESS);
        String id = "board-" + UUID.randomUUID();
        Instant t0 = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MILLIS);
        try (DeviceClient device = DeviceClient.online(vertx, id)) {
            // Device times 0, 0.3, 0.6, 1.0, 1.5, 2.0 s: the board gets 0, 1.0 and 2.0.
            for (long millis : new long[] {0, 300, 600, 1000, 1500, 2000}) {
                device.telemetry(t0.plusMillis(millis), 52.50 + millis / 1_000_000.0, 13.40, 4.5, 80);
            }
            await().atMost(Wait.LONG).until(() -> ofDevice(positions, id).size() >= 3);
            // Nothing more trickles in after the last one.
            await().during(Duration.ofMillis(500)).atMost(Wait.LONG).until(() -> ofDevice(positions, id).size() == 3);
        }
        List<JsonObject> mine = ofDevice(positions, id).stream().map(m -> new JsonObject(m.bodyAsString())).toList();
        assertThat(mine).extracting(p -> Instant.parse(p.getString("at")))
                .containsExactly(t0, t0.plusMillis(1000), t0.plusMillis(2000));
        for (AmqpMessage message : ofDevice(positions, id)) {
            Contracts.assertValid("stomp/board-position.v1.json", message.bodyAsString());
            assertThat(message.isDurable()).isFalse();
            assertThat(message.contentType()).isEqualTo("application/json");
        }
        JsonObject first = mine.get(0);
        assertThat(first.getValue("orderId")).as("a courier with no order").isNull();
        assertThat(first.getDouble("latitude")).isEqualTo(52.50);
        assertThat(first.getDouble("cargoTemperatureC")).isEqualTo(4.5);
    }

    private static List<AmqpMessage> ofDevice(List<AmqpMessage> positions, String deviceId) {
        return positions.stream().filter(m -> new JsonObject(m.bodyAsString()).getString("deviceId").equals(deviceId)).toList();
    }
}
