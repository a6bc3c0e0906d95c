package dev.dispatch.iot.board;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

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
    /** Positions waiting for the one in flight; beyond this the oldest is dropped (a newer one follows anyway). */
    static final int MAX_WAITING = 1_000;
    /** How long a send may go unanswered before the next one goes anyway (a broker away never answers). */
    static final Duration SEND_TIMEOUT = Duration.ofSeconds(2);

    private final MutinyEmitter<String> positions;
    private final ObjectMapper json;
    private final Context sender;
    private final Deque<String> waiting = new ArrayDeque<>(); // on the sender context only
    private boolean sending; // on the sender context only

    BoardPositionPublisher(@Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.DROP) MutinyEmitter<String> positions,
            ObjectMapper json, Vertx vertx) {
        this.positions = positions;
        this.json = json;
        this.sender = vertx.getOrCreateContext();
    }

    /**
     * Hands the position over on one Vert.x context, in the order of the calls, and one at a time: the next goes only
     * when the broker has answered the previous one. The AMQP connector may reorder what it is given while it waits for
     * credit, and writes a message at once on its own thread but a moment later from any other (quarkusio/quarkus#40118).
     * Either way, a courier would jump back on the board.
     */
    public void publish(BoardPosition position) {
        String body = toJson(position);
        sender.runOnContext(ignored -> {
            if (waiting.size() >= MAX_WAITING) {
                waiting.poll();
            }
            waiting.add(body);
            sendNext();
        });
    }

    private void sendNext() {
        while (!sending && !waiting.isEmpty()) {
            String body = waiting.poll();
            if (!positions.hasRequests()) {
                continue; // the connector is not ready (broker away): this position is dropped, the next one follows soon
            }
            sending = true;
            positions.sendMessage(Message.of(body).addMetadata(OutgoingAmqpMetadata.builder()
                    .withDurable(false)
                    .withTtl(TIME_TO_LIVE_MS)
                    .withContentType("application/json")
                    .withSubject("board-position")
                    .build()))
                    .ifNoItem().after(SEND_TIMEOUT).recoverWithItem((Void) null)
                    .onFailure().recoverWithNull()
                    .subscribe().with(done -> sender.runOnContext(next -> {
                        sending = false;
                        sendNext();
                    }));
        }
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
