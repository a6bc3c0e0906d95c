package dev.dispatch.notification.messaging;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import dev.dispatch.notification.model.EventStream;
import dev.dispatch.notification.service.NotificationIntake;
import dev.dispatch.platform.cloudevents.AmqpBodies;
import dev.dispatch.platform.cloudevents.InvalidEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The three event streams that concern people, each from this service's shared durable queue (all replicas
 * compete for it; see the README). A message is acknowledged once its notification is stored, which hands it to
 * every replica's live feed; a duplicate is acknowledged and dropped. Anything else is nacked: the broker
 * redelivers it with growing delays and, after 5 attempts, moves it to {@code DLQ.<address>}, while the channel
 * goes on with the next message (failure-strategy modified-failed).
 */
@ApplicationScoped
public class EventConsumers {

    private static final Logger LOG = Logger.getLogger(EventConsumers.class);

    private final NotificationIntake intake;

    public EventConsumers(NotificationIntake intake) {
        this.intake = intake;
    }

    @Incoming("order-events")
    public Uni<Void> onOrderEvent(Message<Object> message) {
        return take(EventStream.ORDER_EVENTS, message);
    }

    @Incoming("delivery-events")
    public Uni<Void> onDeliveryEvent(Message<Object> message) {
        return take(EventStream.DELIVERY_EVENTS, message);
    }

    @Incoming("device-alerts")
    public Uni<Void> onDeviceAlert(Message<Object> message) {
        return take(EventStream.DEVICE_ALERTS, message);
    }

    private Uni<Void> take(EventStream stream, Message<Object> message) {
        return Uni.createFrom().deferred(() -> intake.take(stream, AmqpBodies.bytes(message.getPayload())))
                .onItem().transformToUni(outcome -> {
                    if (outcome == NotificationIntake.Outcome.DUPLICATE) {
                        LOG.debugf("duplicate event on %s dropped", stream.address());
                    }
                    return Uni.createFrom().completionStage(message.ack());
                })
                .onFailure().recoverWithUni(failure -> {
                    if (failure instanceof InvalidEvent) {
                        LOG.warnf("a message on %s is not a CloudEvent (%s); it goes to DLQ.%s after its redeliveries",
                                stream.address(), failure.getMessage(), stream.address());
                    } else {
                        LOG.warnf("an event on %s could not be stored, the broker will redeliver it: %s", stream.address(), failure);
                    }
                    return Uni.createFrom().completionStage(message.nack(failure));
                });
    }
}
