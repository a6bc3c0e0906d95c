package dev.dispatch.order.messaging;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import dev.dispatch.order.config.OrderConfig;
import dev.dispatch.order.repository.OutboxRepository;
import dev.dispatch.order.repository.PendingEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.amqp.OutgoingAmqpMetadata;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Publishes the outbox to the AMQP address {@code order-events}, oldest first, one event at a time:
 * an event is marked published only after the broker accepted it, and the next is sent only then, so
 * per order (and overall) the order of events holds. Events written before a crash or a stop are
 * simply still pending and go out at the next run.
 * <p>
 * One instance relays at a time (a PostgreSQL advisory lock), so replicas cannot interleave. Runs
 * right after each commit that wrote an event, and on a short timer as a safety net.
 * <p>
 * Wire format: CloudEvents 1.0 structured mode. The AMQP body is a data section holding the whole
 * event as UTF-8 JSON, content type {@code application/cloudevents+json; charset=UTF-8}; the message
 * is durable, its message-id is the event id, its subject the event type and its group-id the order id
 * (so a consumer with several replicas still gets one order's events in order). {@code _AMQ_DUPL_ID}
 * lets Artemis drop a re-send of an event it already has (after a crash between send and mark).
 */
@ApplicationScoped
public class OutboxRelay {

    public static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final MutinyEmitter<byte[]> emitter;
    private final OutboxRepository outbox;
    private final OrderConfig config;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean failing;

    OutboxRelay(@Channel("order-events") MutinyEmitter<byte[]> emitter, OutboxRepository outbox, OrderConfig config) {
        this.emitter = emitter;
        this.outbox = outbox;
        this.config = config;
    }

    /** Right after a commit that wrote events: publish now rather than at the next tick. */
    public void trigger() {
        relay().subscribe().with(ignored -> { }, failure -> { });
    }

    @Scheduled(every = "${dispatch.order.outbox.relay-every}", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> onTimer() {
        return relay();
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
        long key = config.outbox().lockKey();
        return outbox.pool().getConnection().flatMap(connection -> outbox.tryLock(connection, key)
                .flatMap(locked -> !locked
                        ? Uni.createFrom().item(0) // another instance relays
                        : drain(connection, 0).eventually(() -> outbox.unlock(connection, key).onFailure().recoverWithNull()))
                .eventually(connection::close));
    }

    private Uni<Integer> drain(SqlConnection connection, int publishedSoFar) {
        int batchSize = config.outbox().batchSize();
        return outbox.pending(connection, batchSize).flatMap(batch -> {
            if (batch.isEmpty()) {
                return Uni.createFrom().item(publishedSoFar);
            }
            return publishInOrder(connection, batch).flatMap(none -> batch.size() < batchSize
                    ? Uni.createFrom().item(publishedSoFar + batch.size())
                    : drain(connection, publishedSoFar + batch.size()));
        });
    }

    // Strictly one after the other: the first failure stops the run, and nothing later overtakes it.
    private Uni<Void> publishInOrder(SqlConnection connection, List<PendingEvent> batch) {
        return Multi.createFrom().iterable(batch)
                .onItem().transformToUniAndConcatenate(event -> publish(event).call(() -> outbox.markPublished(connection, event.seq())))
                .collect().last()
                .replaceWithVoid();
    }

    private Uni<Void> publish(PendingEvent event) {
        OutgoingAmqpMetadata amqp = OutgoingAmqpMetadata.builder()
                .withDurable(true)
                .withContentType(CONTENT_TYPE)
                .withMessageId(event.id().toString())
                .withSubject(event.type())
                .withGroupId(event.aggregateId().toString())
                .withApplicationProperty("_AMQ_DUPL_ID", event.id().toString())
                .build();
        Message<byte[]> message = Message.of(event.body().getBytes(StandardCharsets.UTF_8), Metadata.of(amqp));
        // The emitter's Uni completes when the broker settled the message as accepted, and fails when it did not.
        return emitter.sendMessage(message)
                .ifNoItem().after(config.outbox().sendTimeout()).fail();
    }

    private void recovered(int published) {
        if (failing) {
            failing = false;
            LOG.infof("order events are being published again (%d sent)", published);
        }
    }

    // While the broker (or the database) is away the relay just tries again later: one line, not one per run.
    private void failed(Throwable failure) {
        if (!failing) {
            failing = true;
            String why = failure instanceof io.smallrye.mutiny.TimeoutException
                    ? "the broker did not accept an event within " + config.outbox().sendTimeout()
                    : failure.toString();
            LOG.warnf("order events stay in the outbox until the broker accepts them, retrying: %s", why);
        } else {
            LOG.debugf("order events still not published: %s", failure);
        }
    }
}
