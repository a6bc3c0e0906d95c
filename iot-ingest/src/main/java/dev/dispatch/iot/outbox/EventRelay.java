package dev.dispatch.iot.outbox;

import org.eclipse.microprofile.reactive.messaging.Channel;

import dev.dispatch.iot.config.IngestConfig;
import dev.dispatch.platform.outbox.OutboxRelay;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Singleton;

/**
 * Publishes iot-ingest's outbox to the AMQP addresses {@code delivery-events}, {@code device-alerts} and {@code courier-presence} with the
 * shared relay (oldest first, many in flight, each subject's events in order, marked only after the broker accepted,
 * an advisory lock so that one instance relays; wire format in {@link OutboxRelay}). The group-id is the event's subject: the order id for
 * delivery events, the device id for alerts and presence. Runs right after each commit that wrote an event, and on a timer.
 * Each send is a span in the trace of whatever wrote the event (an order event consumed, a device's MQTT message).
 * A singleton rather than application-scoped: the platform's base class has no no-args constructor for a client proxy.
 */
@Singleton
public class EventRelay extends OutboxRelay {

    private final MutinyEmitter<byte[]> deliveryEvents;
    private final MutinyEmitter<byte[]> deviceAlerts;
    private final MutinyEmitter<byte[]> courierPresence;

    EventRelay(Pool pool, IngestConfig config, @Channel(OutgoingEvents.DELIVERY_EVENTS) MutinyEmitter<byte[]> deliveryEvents,
            @Channel(OutgoingEvents.DEVICE_ALERTS) MutinyEmitter<byte[]> deviceAlerts,
            @Channel(OutgoingEvents.COURIER_PRESENCE) MutinyEmitter<byte[]> courierPresence, Tracer tracer) {
        super(pool, config.outbox(), "delivery events, alerts and courier presence", tracer);
        this.deliveryEvents = deliveryEvents;
        this.deviceAlerts = deviceAlerts;
        this.courierPresence = courierPresence;
    }

    @Override
    protected MutinyEmitter<byte[]> emitterFor(String address) {
        return switch (address) {
            case OutgoingEvents.DEVICE_ALERTS -> deviceAlerts;
            case OutgoingEvents.COURIER_PRESENCE -> courierPresence;
            default -> deliveryEvents;
        };
    }

    // Not before the application runs: the emitters are wired only then.
    @Scheduled(every = "${dispatch.iot.outbox.relay-every}", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> onTimer() {
        return relay();
    }
}
