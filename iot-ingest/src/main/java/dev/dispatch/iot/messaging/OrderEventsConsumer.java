package dev.dispatch.iot.messaging;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import dev.dispatch.iot.model.InvalidOrderEvent;
import dev.dispatch.iot.service.OrderBindings;
import dev.dispatch.platform.cloudevents.AmqpBodies;
import dev.dispatch.platform.cloudevents.InvalidEvent;
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
        return Uni.createFrom().deferred(() -> bindings.take(OrderEventParser.parse(AmqpBodies.bytes(message.getPayload()))))
                .onItem().transformToUni(done -> Uni.createFrom().completionStage(message.ack()))
                .onFailure().recoverWithUni(failure -> {
                    if (failure instanceof InvalidOrderEvent || failure instanceof InvalidEvent) {
                        LOG.warnf("an order-events message is not an order event iot-ingest can read (%s); it goes to DLQ.order-events "
                                + "after its redeliveries", failure.getMessage());
                    } else {
                        LOG.warnf("an order event could not be taken now, the broker will redeliver it: %s", failure.toString());
                    }
                    return Uni.createFrom().completionStage(message.nack(failure));
                });
    }
}
