package dev.dispatch.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import dev.dispatch.platform.cloudevents.CloudEvent;
import dev.dispatch.platform.tracing.EventSpans;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.amqp.OutgoingAmqpMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Publishes a service's outbox to AMQP, oldest first, many events at once: a batch of pending events goes out with up
 * to {@code max-in-flight} of them sent and not yet answered by the broker ({@link PublishWindow}), and the events the
 * broker accepted are marked published with one statement per batch. An event is marked only after the broker accepted
 * it, and an aggregate's next event (same address and aggregate) is sent only after its previous one was accepted, so
 * each aggregate's events reach the broker in the order written; events of different aggregates may pass each other.
 * The first failure stops the run: what was accepted is marked, the rest stays pending and goes out at the next run
 * (an event the broker did store but whose answer was lost comes again, and Artemis drops it by {@code _AMQ_DUPL_ID}).
 * Events written before a crash or while the broker was away are simply still pending and go out at the next run.
 * <p>
 * One instance relays at a time (a PostgreSQL advisory lock), so replicas cannot interleave. A service subclasses
 * this as a {@code @Singleton} bean, names the emitter of each address, calls {@link #trigger()} after each commit that wrote an event
 * and adds the safety-net timer:
 *
 * <pre>
 * &#64;Scheduled(every = "${dispatch.order.outbox.relay-every}", delayed = "1s", concurrentExecution = SKIP,
 *         skipExecutionIf = Scheduled.ApplicationNotRunning.class)
 * Uni&lt;Void&gt; onTimer() { return relay(); }
 * </pre>
 *
 * Wire format: CloudEvents 1.0 structured mode. The AMQP body is a data section holding the whole event as UTF-8
 * JSON ({@link CloudEvent#CONTENT_TYPE}); the message is durable, its message-id is the event id, its subject the
 * event type and its group-id the aggregate (so a consumer with several replicas still gets one aggregate's events
 * in order). {@code _AMQ_DUPL_ID} lets Artemis drop a re-send of an event it already has (after a crash between send
 * and mark).
 * <p>
 * Tracing: each send is a PRODUCER span {@code "<address> publish"} whose parent is the span the event was written in
 * (the outbox row's {@code traceparent}), so the trace of the request that caused an event goes on through the broker
 * however much later the event leaves; the event's own {@code traceparent} lets its consumers continue it too.
 */
public abstract class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final Pool pool;
    private final OutboxSettings settings;
    private final String what;
    private final Tracer tracer;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean failing;

    /** {@code what} names the events in log lines, e.g. "order events". No spans. */
    protected OutboxRelay(Pool pool, OutboxSettings settings, String what) {
        this(pool, settings, what, OpenTelemetry.noop().getTracer(EventSpans.SCOPE));
    }

    /** With a span per event sent, by the service's tracer. */
    protected OutboxRelay(Pool pool, OutboxSettings settings, String what, Tracer tracer) {
        this.pool = pool;
        this.settings = settings;
        this.what = what;
        this.tracer = tracer;
    }

    /** The emitter of the AMQP address an event goes to (the outbox row's {@code address}). */
    protected abstract MutinyEmitter<byte[]> emitterFor(String address);

    /** Right after a commit that wrote events: publish now rather than at the next tick. */
    public void trigger() {
        relay().subscribe().with(ignored -> {
        }, failure -> {
        });
    }

    /** One relay run; a run asked for while one is going happens right after it. Never fails. */
    public Uni<Void> relay() {
        return Uni.createFrom().deferred(() -> {
            if (!running.compareAndSet(false, true)) {
                again.set(true);
                return Uni.createFrom().voidItem();
            }
            return relayUnderLock()
                    .invoke(this::recovered)
                    .onFailure().invoke(this::failed)
                    .onFailure().recoverWithNull()
                    .eventually(() -> {
                        running.set(false);
                        if (again.getAndSet(false)) {
                            trigger();
                        }
                    })
                    .replaceWithVoid();
        });
    }

    private Uni<Integer> relayUnderLock() {
        long key = settings.lockKey();
        return pool.getConnection().flatMap(connection -> OutboxStore.tryLock(connection, key)
                .flatMap(locked -> !locked
                        ? Uni.createFrom().item(0) // another instance relays
                        : drain(connection, 0).eventually(() -> OutboxStore.unlock(connection, key).onFailure().recoverWithNull()))
                .eventually(connection::close));
    }

    private Uni<Integer> drain(SqlConnection connection, int publishedSoFar) {
        int batchSize = settings.batchSize();
        return OutboxStore.pending(connection, batchSize).flatMap(batch -> {
            if (batch.isEmpty()) {
                return Uni.createFrom().item(publishedSoFar);
            }
            return publishBatch(connection, batch).flatMap(published -> batch.size() < batchSize
                    ? Uni.createFrom().item(publishedSoFar + published)
                    : drain(connection, publishedSoFar + published));
        });
    }

    // What the broker accepted is marked even when the batch failed: a failure ends the run only after that.
    private Uni<Integer> publishBatch(SqlConnection connection, List<PendingEvent> batch) {
        return PublishWindow.publish(batch, settings.maxInFlight(), this::publish)
                .call(outcome -> OutboxStore.markPublished(connection, outcome.accepted()))
                .flatMap(outcome -> outcome.failure() != null
                        ? Uni.createFrom().failure(outcome.failure())
                        : Uni.createFrom().item(outcome.accepted().size()));
    }

    private Uni<Void> publish(PendingEvent event) {
        Message<byte[]> message = Message.of(event.body().getBytes(StandardCharsets.UTF_8), Metadata.of(metadata(event)));
        Span span = EventSpans.publishing(tracer, event.address(), event.id().toString(), event.type(), event.aggregateId(), event.trace());
        // The emitter's Uni completes when the broker settled the message as accepted, and fails when it did not.
        return Uni.createFrom().deferred(() -> emitterFor(event.address()).sendMessage(message))
                .ifNoItem().after(settings.sendTimeout()).fail()
                .onItem().invoke(() -> span.end())
                .onFailure().invoke(failure -> EventSpans.failed(span, failure));
    }

    /** The AMQP properties of one event (see the class comment). */
    public static OutgoingAmqpMetadata metadata(PendingEvent event) {
        return OutgoingAmqpMetadata.builder()
                .withDurable(true)
                .withContentType(CloudEvent.CONTENT_TYPE)
                .withMessageId(event.id().toString())
                .withSubject(event.type())
                .withGroupId(event.aggregateId())
                .withApplicationProperty("_AMQ_DUPL_ID", event.id().toString())
                .build();
    }

    private void recovered(int published) {
        if (failing) {
            failing = false;
            LOG.infof("%s are being published again (%d sent)", what, published);
        }
    }

    // While the broker (or the database) is away the relay just tries again later: one line, not one per run.
    private void failed(Throwable failure) {
        if (!failing) {
            failing = true;
            String why = failure instanceof io.smallrye.mutiny.TimeoutException
                    ? "the broker did not accept an event within " + settings.sendTimeout()
                    : failure.toString();
            LOG.warnf("%s stay in the outbox until the broker accepts them, retrying: %s", what, why);
        } else {
            LOG.debugf("%s still not published: %s", what, failure);
        }
    }
}
