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
import io.vertx.core.Context;
import io.vertx.core.Vertx;
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
    private final Context sender;

    BoardPositionPublisher(@Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.DROP) MutinyEmitter<String> positions,
            ObjectMapper json, Vertx vertx) {
        this.positions = positions;
        this.json = json;
        this.sender = vertx.getOrCreateContext();
    }

    /**
     * Hands the position over on one Vert.x context, in the order of the calls: the AMQP connector writes a message at
     * once on its own thread and a moment later from any other, so positions handed over on different threads could
     * overtake each other (quarkusio/quarkus#40118), and a courier would jump back on the board.
     */
    public void publish(BoardPosition position) {
        String body = toJson(position);
        sender.runOnContext(ignored -> send(body));
    }

    private void send(String body) {
        if (!positions.hasRequests()) {
            return; // the connector is not ready (broker away): this position is dropped, the next one follows soon
        }
        positions.sendMessageAndForget(Message.of(body).addMetadata(OutgoingAmqpMetadata.builder()
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
