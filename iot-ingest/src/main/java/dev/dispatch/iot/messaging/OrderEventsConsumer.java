package dev.dispatch.iot.messaging;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import dev.dispatch.iot.model.InvalidOrderEvent;
import dev.dispatch.iot.service.OrderBindings;
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
 * Order events, from this service's own durable queue ({@code order-events::order-events.iot-ingest}). An event is
 * acknowledged once its binding change is committed and, for a dispatch, the device's assign-order command is sent.
 * Anything else is nacked: the broker redelivers it with growing delays and, after 5 attempts, moves it to
 * {@code DLQ.order-events}, while the channel goes on with the next message (failure-strategy modified-failed).
 */
@ApplicationScoped
public class OrderEventsConsumer {

    private static final Logger LOG = Logger.getLogger(OrderEventsConsumer.class);

    private final OrderBindings bindings;
    private final Tracer tracer;
    /**
     * Deliveries of events that can never be applied, dispatch_events_refused_total{address}: each such event is
     * refused on each of its 5 deliveries, then the broker parks it on DLQ.<address>.
     */
    private final Counter refused;

    OrderEventsConsumer(OrderBindings bindings, Tracer tracer, MeterRegistry registry) {
        this.bindings = bindings;
        this.tracer = tracer;
        this.refused = Counter.builder("dispatch.events.refused").description("Deliveries of events that can never be applied (dead-lettered after 5)")
                .tag("address", "order-events").register(registry);
    }

    @Incoming("order-events")
    public Uni<Void> onOrderEvent(Message<Object> message) {
        // In the span of order-service's event: binding the device and its assign-order command join that trace.
        return Uni.createFrom().deferred(() -> {
                    byte[] body = AmqpBodies.bytes(message.getPayload());
                    return EventSpans.<Void>processing(tracer, "order-events", ReceivedEvent.traceOf(body),
                            () -> bindings.take(OrderEventParser.parse(body)));
                })
                .onItem().transformToUni(done -> Uni.createFrom().completionStage(message.ack()))
                .onFailure().recoverWithUni(failure -> {
                    if (failure instanceof InvalidOrderEvent || failure instanceof InvalidEvent) {
                        refused.increment();
                        LOG.warnf("an order-events message is not an order event iot-ingest can read (%s); it goes to DLQ.order-events "
                                + "after its redeliveries", failure.getMessage());
                    } else {
                        LOG.warnf("an order event could not be taken now, the broker will redeliver it: %s", failure.toString());
                    }
                    return Uni.createFrom().completionStage(message.nack(failure));
                });
    }
}
