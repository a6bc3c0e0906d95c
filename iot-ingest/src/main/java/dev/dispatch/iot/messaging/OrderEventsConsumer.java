package dev.dispatch.iot.messaging;

import java.util.concurrent.CompletionStage;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Order events, read from this service's own durable queue ({@code order-events::order-events.iot-ingest}).
 * Binding a dispatched order's device comes with the iot-ingest issue; until then an event is acknowledged once seen.
 */
@ApplicationScoped
public class OrderEventsConsumer {

    private static final Logger LOG = Logger.getLogger(OrderEventsConsumer.class);

    @Incoming("order-events")
    public CompletionStage<Void> onOrderEvent(Message<?> event) {
        LOG.debugf("order event received: %s", event.getPayload());
        return event.ack();
    }
}
