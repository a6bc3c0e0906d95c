package dev.dispatch.order.messaging;

import java.util.concurrent.CompletionStage;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Delivery events from iot-ingest, read from this service's own durable queue
 * ({@code delivery-events::delivery-events.order-service}). Moving an order to DELIVERED comes with iot-ingest;
 * until then an event is acknowledged once it has been seen.
 */
@ApplicationScoped
public class DeliveryEventsConsumer {

    private static final Logger LOG = Logger.getLogger(DeliveryEventsConsumer.class);

    @Incoming("delivery-events")
    public CompletionStage<Void> onDeliveryEvent(Message<?> event) {
        LOG.debugf("delivery event received: %s", event.getPayload());
        return event.ack();
    }
}
