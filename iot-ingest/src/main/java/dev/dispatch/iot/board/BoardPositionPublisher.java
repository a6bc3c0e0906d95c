package dev.dispatch.iot.board;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.dispatch.iot.model.BoardPosition;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.amqp.OutgoingAmqpMetadata;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Publishes positions to the broker's multicast address {@code board.positions}, which the board reads over STOMP
 * ({@code /topic/board.positions}). A position is stale in a second: not durable, expires after
 * {@link #TIME_TO_LIVE_MS}, and dropped (never queued without bound) while the broker is away or slow.
 */
@ApplicationScoped
public class BoardPositionPublisher {

    public static final String CHANNEL = "board-positions";
    static final long TIME_TO_LIVE_MS = 10_000;

    private final MutinyEmitter<String> positions;
    private final ObjectMapper json;

    BoardPositionPublisher(@Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.DROP) MutinyEmitter<String> positions,
            ObjectMapper json) {
        this.positions = positions;
        this.json = json;
    }

    public void publish(BoardPosition position) {
        if (!positions.hasRequests()) {
            return; // the connector is not ready (broker away): this position is dropped, the next one follows soon
        }
        positions.sendMessageAndForget(Message.of(toJson(position)).addMetadata(OutgoingAmqpMetadata.builder()
                .withDurable(false)
                .withTtl(TIME_TO_LIVE_MS)
                .withContentType("application/json")
                .withSubject("board-position")
                .build()));
    }

    String toJson(BoardPosition position) {
        ObjectNode node = json.createObjectNode()
                .put("deviceId", position.deviceId())
                .put("orderId", position.orderId() == null ? null : position.orderId().toString())
                .put("latitude", position.latitude())
                .put("longitude", position.longitude())
                .put("cargoTemperatureC", position.cargoTemperatureC())
                .put("batteryPercent", position.batteryPercent())
                .put("at", position.at().toString());
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a position always serialises", e);
        }
    }
}
