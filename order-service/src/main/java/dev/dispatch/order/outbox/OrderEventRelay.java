package dev.dispatch.order.outbox;

import org.eclipse.microprofile.reactive.messaging.Channel;

import dev.dispatch.order.config.OrderConfig;
import dev.dispatch.platform.outbox.OutboxRelay;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Singleton;

/**
 * Publishes the outbox to the AMQP address {@code order-events} (the platform's relay: oldest first, many in flight,
 * each order's events in order, marked only after the broker accepted them, one instance at a time under
 * {@code dispatch.order.outbox.lock-key}).
 * Runs right after each commit that wrote an event ({@link #trigger()}) and on a short timer as a safety net. Each send
 * is a span in the trace of the request that changed the order (the outbox row's traceparent).
 * <p>
 * A singleton rather than application-scoped: the platform's base class has no no-args constructor for a client proxy.
 */
@Singleton
public class OrderEventRelay extends OutboxRelay {

    /** The AMQP address of order events, written into every outbox row. */
    public static final String ADDRESS = "order-events";

    private final MutinyEmitter<byte[]> emitter;

    OrderEventRelay(Pool pool, OrderConfig config, @Channel("order-events") MutinyEmitter<byte[]> emitter, Tracer tracer) {
        super(pool, config.outbox(), "order events", tracer);
        this.emitter = emitter;
    }

    @Override
    protected MutinyEmitter<byte[]> emitterFor(String address) {
        if (!ADDRESS.equals(address)) {
            throw new IllegalStateException("order-service publishes to " + ADDRESS + " only, not to " + address);
        }
        return emitter;
    }

    @Scheduled(every = "${dispatch.order.outbox.relay-every}", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> onTimer() {
        return relay();
    }
}
