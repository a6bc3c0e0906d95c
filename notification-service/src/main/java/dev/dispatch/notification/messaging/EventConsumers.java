package dev.dispatch.notification.messaging;

import java.nio.charset.StandardCharsets;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import dev.dispatch.notification.mapping.InvalidEventException;
import dev.dispatch.notification.service.EventStream;
import dev.dispatch.notification.service.NotificationIntake;
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
        return Uni.createFrom().deferred(() -> intake.take(stream, body(message.getPayload())))
                .onItem().transformToUni(outcome -> {
                    if (outcome == NotificationIntake.Outcome.DUPLICATE) {
                        LOG.debugf("duplicate event on %s dropped", stream.address());
                    }
                    return Uni.createFrom().completionStage(message.ack());
                })
                .onFailure().recoverWithUni(failure -> {
                    if (failure instanceof InvalidEventException) {
                        LOG.warnf("a message on %s is not a CloudEvent (%s); it goes to DLQ.%s after its redeliveries",
                                stream.address(), failure.getMessage(), stream.address());
                    } else {
                        LOG.warnf("an event on %s could not be stored, the broker will redeliver it: %s", stream.address(), failure);
                    }
                    return Uni.createFrom().completionStage(message.nack(failure));
                });
    }

    // The connector gives a data section as bytes (cloud-events=false); other bodies are accepted as their JSON text.
    static byte[] body(Object payload) {
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
        throw new InvalidEventException("the body is not a structured CloudEvent but "
                + (payload == null ? "empty" : payload.getClass().getSimpleName()));
    }
}
