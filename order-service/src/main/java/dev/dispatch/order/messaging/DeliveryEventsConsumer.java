package dev.dispatch.order.messaging;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import dev.dispatch.order.model.OrderRejected;
import dev.dispatch.order.service.OrderDelivery;
import dev.dispatch.platform.cloudevents.AmqpBodies;
import dev.dispatch.platform.cloudevents.InvalidEvent;
import dev.dispatch.platform.cloudevents.ReceivedEvent;
import dev.dispatch.platform.tracing.EventSpans;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Delivery events from iot-ingest, read from this service's own durable queue
 * ({@code delivery-events::delivery-events.order-service}). A completion moves the order to DELIVERED
 * (and the order's own event goes out through the outbox); progress is not order-service's business and is
 * acknowledged. A message is acknowledged only after its change committed; anything that cannot be applied is
 * nacked, so the broker redelivers it with growing delays and finally keeps it on {@code DLQ.delivery-events}. So is
 * an event whose source is not iot-ingest's ({@link DeliveryEvent#SOURCE}), whatever it says.
 */
@ApplicationScoped
public class DeliveryEventsConsumer {

    private static final Logger LOG = Logger.getLogger(DeliveryEventsConsumer.class);

    private final OrderDelivery delivery;
    private final Tracer tracer;
    /**
     * Deliveries of events that can never be applied, dispatch_events_refused_total{address}: each such event is
     * refused on each of its 5 deliveries, then the broker parks it on DLQ.<address>.
     */
    private final Counter refused;

    DeliveryEventsConsumer(OrderDelivery delivery, Tracer tracer, MeterRegistry registry) {
        this.delivery = delivery;
        this.tracer = tracer;
        this.refused = Counter.builder("dispatch.events.refused").description("Deliveries of events that can never be applied (dead-lettered after 5)")
                .tag("address", "delivery-events").register(registry);
    }

    @Incoming("delivery-events")
    public Uni<Void> onDeliveryEvent(Message<Object> message) {
        return Uni.createFrom().deferred(() -> {
                    // A data section arrives as bytes (cloud-events=false); other bodies are taken as their text.
                    byte[] body = AmqpBodies.bytes(message.getPayload());
                    // In the span of iot-ingest's event: the DELIVERED order event written here continues its trace.
                    return EventSpans.<Void>processing(tracer, "delivery-events", ReceivedEvent.traceOf(body), () -> apply(DeliveryEvent.parse(body)));
                })
                .onItem().transformToUni(done -> Uni.createFrom().completionStage(message.ack()))
                .onFailure().recoverWithUni(failure -> {
                    if (failure instanceof InvalidEvent || failure instanceof OrderRejected) {
                        refused.increment();
                        LOG.warnf("a delivery event cannot be applied (%s); it goes to DLQ.delivery-events after its redeliveries",
                                failure.getMessage());
                    } else {
                        LOG.warnf("a delivery event could not be applied now, the broker will redeliver it: %s", failure.toString());
                    }
                    return Uni.createFrom().completionStage(message.nack(failure));
                });
    }

    private Uni<Void> apply(DeliveryEvent event) {
        if (!event.isCompletion()) {
            return Uni.createFrom().voidItem();
        }
        return delivery.delivered(event.source(), event.id(), event.orderId(), event.deviceId())
                .invoke(order -> LOG.infof("order %s delivered by %s (event %s)", order.id(), event.deviceId(), event.id()))
                .replaceWithVoid();
    }
}
