package dev.dispatch.notification.messaging;

import java.util.concurrent.CompletionStage;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The three event streams that concern people, each read from this service's own durable queue.
 * Pushing them to WebSocket and SSE clients is the notification issue; until then they are acknowledged once seen.
 */
@ApplicationScoped
public class EventConsumers {

    private static final Logger LOG = Logger.getLogger(EventConsumers.class);

    @Incoming("order-events")
    public CompletionStage<Void> onOrderEvent(Message<?> event) {
        return seen("order", event);
    }

    @Incoming("delivery-events")
    public CompletionStage<Void> onDeliveryEvent(Message<?> event) {
        return seen("delivery", event);
    }

    @Incoming("device-alerts")
    public CompletionStage<Void> onDeviceAlert(Message<?> event) {
        return seen("device alert", event);
    }

    private static CompletionStage<Void> seen(String kind, Message<?> event) {
        LOG.debugf("%s event received: %s", kind, event.getPayload());
        return event.ack();
    }
}
