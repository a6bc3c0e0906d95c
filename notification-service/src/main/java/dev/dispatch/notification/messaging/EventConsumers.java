package dev.dispatch.notification.messaging;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import dev.dispatch.notification.config.NotificationConfig;
import dev.dispatch.notification.model.EventStream;
import dev.dispatch.notification.service.NotificationIntake;
import dev.dispatch.notification.service.PresenceIntake;
import dev.dispatch.platform.cloudevents.AmqpBodies;
import dev.dispatch.platform.cloudevents.InvalidEvent;
import dev.dispatch.platform.cloudevents.ReceivedEvent;
import dev.dispatch.platform.tracing.EventSpans;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The three event streams that concern people, each from this service's shared durable queue (all replicas
 * compete for it; see the README). A message is acknowledged once its notification is stored, which hands it to
 * every replica's live feed; a duplicate is acknowledged and dropped. Up to events-in-flight messages of the three are
 * being stored at once ({@link InFlight}), so that those arriving together are stored in one transaction. Anything
 * else is nacked (an event whose source is not the address's one producer too: {@link EventStream#producer()}): the broker
 * redelivers it with growing delays and, after 5 attempts, moves it to {@code DLQ.<address>}, while the channel
 * goes on with the next message (failure-strategy modified-failed).
 */
@ApplicationScoped
public class EventConsumers {

    private static final Logger LOG = Logger.getLogger(EventConsumers.class);

    private final NotificationIntake intake;
    private final PresenceIntake presence;
    private final Tracer tracer;
    private final InFlight inFlight;

    public EventConsumers(NotificationIntake intake, PresenceIntake presence, Tracer tracer, NotificationConfig config,
            MeterRegistry metrics) {
        this.intake = intake;
        this.presence = presence;
        this.tracer = tracer;
        this.inFlight = new InFlight(config.eventsInFlight());
        Gauge.builder("notifications.events.in.flight", inFlight, InFlight::running)
                .description("Events taken from the broker and not yet stored or refused").register(metrics);
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

    /** Couriers' presence: stored (newest wins) for XMPP subscribers, not a notification. Same ack/nack rules. */
    @Incoming("courier-presence")
    public Uni<Void> onCourierPresence(Message<Object> message) {
        String address = PresenceIntake.ADDRESS;
        return Uni.createFrom().deferred(() -> traced(address, AmqpBodies.bytes(message.getPayload()), presence::take))
                .onItem().transformToUni(outcome -> {
                    LOG.debugf("courier presence event: %s", outcome);
                    return Uni.createFrom().completionStage(message.ack());
                })
                .onFailure().recoverWithUni(failure -> nack(address, message, failure));
    }

    private Uni<Void> take(EventStream stream, Message<Object> message) {
        return inFlight.admit(Uni.createFrom().deferred(() -> traced(stream.address(), AmqpBodies.bytes(message.getPayload()), body -> intake.take(stream, body)))
                .onItem().transformToUni(outcome -> {
                    if (outcome == NotificationIntake.Outcome.DUPLICATE) {
                        LOG.debugf("duplicate event on %s dropped", stream.address());
                    }
                    return Uni.createFrom().completionStage(message.ack());
                })
                .onFailure().recoverWithUni(failure -> nack(stream.address(), message, failure)));
    }

    // In the span of the producer's event: storing the notification and pushing it to WebSocket and SSE join its trace.
    private <T> Uni<T> traced(String address, byte[] body, java.util.function.Function<byte[], Uni<T>> work) {
        return EventSpans.processing(tracer, address, ReceivedEvent.traceOf(body), () -> work.apply(body));
    }

    private static Uni<Void> nack(String address, Message<Object> message, Throwable failure) {
        if (failure instanceof InvalidEvent) {
            LOG.warnf("a message on %s is refused (%s); it goes to DLQ.%s after its redeliveries",
                    address, failure.getMessage(), address);
        } else {
            LOG.warnf("an event on %s could not be stored, the broker will redeliver it: %s", address, failure);
        }
        return Uni.createFrom().completionStage(message.nack(failure));
    }
}
