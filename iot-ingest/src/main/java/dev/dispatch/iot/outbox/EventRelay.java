package dev.dispatch.iot.outbox;

import org.eclipse.microprofile.reactive.messaging.Channel;

import dev.dispatch.iot.config.IngestConfig;
import dev.dispatch.platform.outbox.OutboxRelay;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Singleton;

/**
 * Publishes iot-ingest's outbox to the AMQP addresses {@code delivery-events} and {@code device-alerts} with the
 * shared relay (oldest first, one at a time, marked only after the broker accepted, an advisory lock so that one
 * instance relays; wire format in {@link OutboxRelay}). The group-id is the event's subject: the order id for
 * delivery events, the device id for alerts. Runs right after each commit that wrote an event, and on a timer.
 * A singleton rather than application-scoped: the platform's base class has no no-args constructor for a client proxy.
 */
@Singleton
public class EventRelay extends OutboxRelay {

    private final MutinyEmitter<byte[]> deliveryEvents;
    private final MutinyEmitter<byte[]> deviceAlerts;

    EventRelay(Pool pool, IngestConfig config, @Channel(OutgoingEvents.DELIVERY_EVENTS) MutinyEmitter<byte[]> deliveryEvents,
            @Channel(OutgoingEvents.DEVICE_ALERTS) MutinyEmitter<byte[]> deviceAlerts) {
        super(pool, config.outbox(), "delivery events and alerts");
        this.deliveryEvents = deliveryEvents;
        this.deviceAlerts = deviceAlerts;
    }

    @Override
    protected MutinyEmitter<byte[]> emitterFor(String address) {
        return OutgoingEvents.DEVICE_ALERTS.equals(address) ? deviceAlerts : deliveryEvents;
    }

    // Not before the application runs: the emitters are wired only then.
    @Scheduled(every = "${dispatch.iot.outbox.relay-every}", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> onTimer() {
        return relay();
    }
}
