package dev.dispatch.order.service;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dispatch.order.mapping.OrderEventMapper;
import dev.dispatch.order.messaging.CloudEvent;
import dev.dispatch.order.messaging.OrderEventData;
import dev.dispatch.order.repository.OrderChangeFeed;
import dev.dispatch.order.repository.OutboxRepository;
import dev.dispatch.order.repository.StoredEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * WatchOrder: the order as it is, then every change, until it is final or the client goes away.
 * <p>
 * Changes are learnt from PostgreSQL notifications (any instance's), and read from the outbox: each
 * state change wrote exactly one event holding the order as it became, so a watcher sees every
 * change, in order, even when several happen between two notifications.
 */
@ApplicationScoped
public class OrderWatch {

    private static final TypeReference<CloudEvent<OrderEventData>> EVENT = new TypeReference<>() {
    };
    private static final ObservedChange END = new ObservedChange(null, null, null);

    private final OrderQueries queries;
    private final OutboxRepository outbox;
    private final OrderChangeFeed feed;
    private final ObjectMapper json;

    OrderWatch(OrderQueries queries, OutboxRepository outbox, OrderChangeFeed feed, ObjectMapper json) {
        this.queries = queries;
        this.outbox = outbox;
        this.feed = feed;
        this.json = json;
    }

    public Multi<ObservedChange> watch(Caller caller, UUID orderId) {
        return Multi.createFrom().deferred(() -> {
            AtomicLong seen = new AtomicLong();
            // Listen first, then read: a change between the two is then in the snapshot or notified, never lost.
            Multi<UUID> relevant = feed.changes()
                    .filter(id -> id.equals(orderId) || id.equals(OrderChangeFeed.ANY))
                    .onOverflow().buffer(1024);
            Multi<UUID> start = Multi.createFrom().item(orderId);
            return Multi.createBy().merging().streams(relevant, start)
                    .onItem().transformToMultiAndConcatenate(signal -> seen.get() == 0
                            ? snapshot(caller, orderId, seen).toMulti()
                            : changesAfter(orderId, seen))
                    .onItem().transformToMultiAndConcatenate(change -> change.order().status().isFinal()
                            ? Multi.createFrom().items(change, END)
                            : Multi.createFrom().item(change))
                    .select().first(change -> change != END);
        });
    }

    private Uni<ObservedChange> snapshot(Caller caller, UUID orderId, AtomicLong seen) {
        return queries.get(caller, orderId).map(order -> {
            seen.set(order.version());
            return new ObservedChange(null, null, order);
        });
    }

    private Multi<ObservedChange> changesAfter(UUID orderId, AtomicLong seen) {
        return outbox.eventsAfter(orderId, seen.get())
                .onItem().transformToMulti(events -> Multi.createFrom().iterable(events))
                .map(event -> {
                    seen.set(Math.max(seen.get(), event.aggregateVersion()));
                    return toChange(event);
                });
    }

    private ObservedChange toChange(StoredEvent event) {
        try {
            CloudEvent<OrderEventData> cloudEvent = json.readValue(event.body(), EVENT);
            return new ObservedChange(event.id(), event.type(), OrderEventMapper.fromData(cloudEvent.data()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read event " + event.id(), e);
        }
    }
}
