package dev.dispatch.order.service;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import dev.dispatch.order.model.Caller;
import dev.dispatch.order.model.ObservedChange;
import dev.dispatch.order.outbox.OrderEvents;
import dev.dispatch.order.repository.OrderChangeFeed;
import dev.dispatch.order.repository.OrderEventRepository;
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

    private static final ObservedChange END = new ObservedChange(null, null, null);

    private final OrderQueries queries;
    private final OrderEventRepository stored;
    private final OrderEvents events;
    private final OrderChangeFeed feed;

    OrderWatch(OrderQueries queries, OrderEventRepository stored, OrderEvents events, OrderChangeFeed feed) {
        this.queries = queries;
        this.stored = stored;
        this.events = events;
        this.feed = feed;
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
        return stored.eventsAfter(orderId, seen.get())
                .onItem().transformToMulti(list -> Multi.createFrom().iterable(list))
                .map(event -> {
                    seen.set(Math.max(seen.get(), event.aggregateVersion()));
                    return events.read(event);
                });
    }
}
