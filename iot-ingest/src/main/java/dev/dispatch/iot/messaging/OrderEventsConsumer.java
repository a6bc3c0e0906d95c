package dev.dispatch.iot.messaging;

import java.nio.charset.StandardCharsets;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import dev.dispatch.iot.mapping.OrderEventParser;
import dev.dispatch.iot.service.InvalidOrderEvent;
import dev.dispatch.iot.service.OrderBindings;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Order events, from this service's own durable queue ({@code order-events::order-events.iot-ingest}). An event is
 * acknowledged once its binding change is committed and, for a dispatch, the device's assign-order command is sent.
 * Anything else is nacked: the broker redelivers it with growing delays and, after 5 attempts, moves it to
 * {@code DLQ.order-events}, while the channel goes on with the next message (failure-strategy modified-failed).
 */
@ApplicationScoped
public class OrderEventsConsumer {

    private static final Logger LOG = Logger.getLogger(OrderEventsConsumer.class);

    private final OrderBindings bindings;

    OrderEventsConsumer(OrderBindings bindings) {
        this.bindings = bindings;
    }

    @Incoming("order-events")
    public Uni<Void> onOrderEvent(Message<Object> message) {
        return Uni.createFrom().deferred(() -> bindings.take(OrderEventParser.parse(body(message.getPayload()))))
                .onItem().transformToUni(done -> Uni.createFrom().completionStage(message.ack()))
                .onFailure().recoverWithUni(failure -> {
                    if (failure instanceof InvalidOrderEvent) {
                        LOG.warnf("an order-events message is not an order event iot-ingest can read (%s); it goes to DLQ.order-events "
                                + "after its redeliveries", failure.getMessage());
                    } else {
                        LOG.warnf("an order event could not be taken now, the broker will redeliver it: %s", failure.toString());
                    }
                    return Uni.createFrom().completionStage(message.nack(failure));
                });
    }

    // The connector gives a data section as bytes (cloud-events=false); other bodies are taken as their JSON text.
    private static byte[] body(Object payload) {
        if (payload instanceof byte[] bytes) {
            return bytes;
        }
        if (payload instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        if (payload instanceof io.vertx.core.buffer.Buffer buffer) {
            return buffer.getBytes();
        }
        if (payload instanceof io.vertx.mutiny.core.buffer.Buffer buffer) {
            return buffer.getBytes();
        }
        if (payload instanceof io.vertx.core.json.JsonObject json) {
            return json.encode().getBytes(StandardCharsets.UTF_8);
        }
        throw new InvalidOrderEvent("the body is not a structured CloudEvent but " + (payload == null ? "empty" : payload.getClass().getSimpleName()));
    }
}
