package dev.dispatch.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

/** The window over a batch, with a stand-in broker that answers late, out of order and from several threads. */
class PublishWindowTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ScheduledExecutorService brokerThreads = Executors.newScheduledThreadPool(4);

    @AfterEach
    void stopBroker() {
        brokerThreads.shutdownNow();
    }

    @Test
    void aBurstGoesOutWholeWithManyInFlightAndEachAggregateInOrder() {
        List<PendingEvent> batch = events(2000, 60, "order-events");
        StandInBroker broker = new StandInBroker(event -> null);

        PublishWindow.Outcome outcome = PublishWindow.publish(batch, 32, broker::send).await().atMost(WAIT);

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.accepted()).hasSize(2000).doesNotHaveDuplicates();
        assertThat(broker.maxInFlight.get()).isLessThanOrEqualTo(32).isGreaterThan(8);
        assertThat(broker.maxInFlightOfOneAggregate.get()).isEqualTo(1);
        assertThat(broker.sent).hasSize(2000);
        assertEachAggregateInOrder(broker.sent);
        assertEachAggregateInOrder(broker.acceptedInOrder);
    }

    @Test
    void theSameAggregateOnAnotherAddressIsAnotherLine() {
        List<PendingEvent> batch = new ArrayList<>(events(100, 1, "delivery-events"));
        batch.addAll(events(100, 1, "device-alerts").stream().map(e -> withSeq(e, e.seq() + 1000)).toList());
        StandInBroker broker = new StandInBroker(event -> null);

        PublishWindow.Outcome outcome = PublishWindow.publish(batch, 8, broker::send).await().atMost(WAIT);

        assertThat(outcome.accepted()).hasSize(200);
        assertThat(broker.maxInFlight.get()).isEqualTo(2);
        assertEachAggregateInOrder(broker.sent);
    }

    @Test
    void aRefusedEventStopsTheBatchAndNothingOfItsAggregateFollowsIt() {
        List<PendingEvent> batch = events(1000, 20, "order-events");
        PendingEvent refused = batch.get(300);
        StandInBroker broker = new StandInBroker(event -> event.seq() == refused.seq() ? new IllegalStateException("message rejected (REJECTED)") : null);

        PublishWindow.Outcome outcome = PublishWindow.publish(batch, 64, broker::send).await().atMost(WAIT);

        assertThat(outcome.failure()).hasMessage("message rejected (REJECTED)");
        assertThat(outcome.accepted()).doesNotContain(refused.seq()).isNotEmpty().hasSizeLessThan(1000);
        // Nothing later of the refused event's aggregate was even sent: it cannot be ahead of it at the broker.
        assertThat(broker.sent).filteredOn(e -> e.aggregateId().equals(refused.aggregateId()))
                .allMatch(e -> e.seq() <= refused.seq());
        // Every accepted event's predecessors of its aggregate were accepted too: marking them all is safe.
        Map<String, List<Long>> acceptedByAggregate = new HashMap<>();
        batch.stream().filter(e -> outcome.accepted().contains(e.seq()))
                .forEach(e -> acceptedByAggregate.computeIfAbsent(e.aggregateId(), k -> new ArrayList<>()).add(e.seq()));
        acceptedByAggregate.forEach((aggregate, seqs) -> assertThat(seqs).containsExactlyElementsOf(
                batch.stream().filter(e -> e.aggregateId().equals(aggregate)).map(PendingEvent::seq).limit(seqs.size()).toList()));
        // The outcome waits for every send under way: none is still unanswered when it is known.
        assertThat(broker.inFlight.get()).isZero();
        assertThat(broker.acceptedInOrder).hasSize(outcome.accepted().size());
    }

    @Test
    void answersThatComeAtOnceAndSendsThatThrowAreHandled() {
        List<PendingEvent> batch = events(20_000, 3, "order-events");
        List<Long> order = Collections.synchronizedList(new ArrayList<>());
        PublishWindow.Outcome all = PublishWindow.publish(batch, 256, event -> {
            order.add(event.seq());
            return Uni.createFrom().voidItem();
        }).await().atMost(WAIT);
        assertThat(all.accepted()).hasSize(20_000);
        // Answered at once, nothing ever waits: the events go out exactly in the order written.
        assertThat(order).isSorted();

        PublishWindow.Outcome thrown = PublishWindow.publish(batch, 256, event -> {
            if (event.seq() == 5) {
                throw new IllegalStateException("no emitter for " + event.address());
            }
            return Uni.createFrom().voidItem();
        }).await().atMost(WAIT);
        assertThat(thrown.failure()).hasMessageContaining("no emitter");
        // Events of other aggregates already on their way may still be accepted; none of event 5's that follow it is.
        assertThat(thrown.accepted()).contains(1L, 2L, 3L, 4L).doesNotContain(5L, 8L, 11L);
    }

    /** Answers each send after 0-3 ms on one of several threads; {@code refuse} says which to fail (null: accept). */
    private final class StandInBroker {

        final List<PendingEvent> sent = new CopyOnWriteArrayList<>();
        final List<PendingEvent> acceptedInOrder = new CopyOnWriteArrayList<>();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        final AtomicInteger maxInFlightOfOneAggregate = new AtomicInteger();
        final Map<String, AtomicInteger> inFlightByAggregate = new ConcurrentHashMap<>();
        final Function<PendingEvent, RuntimeException> refuse;

        StandInBroker(Function<PendingEvent, RuntimeException> refuse) {
            this.refuse = refuse;
        }

        Uni<Void> send(PendingEvent event) {
            return Uni.createFrom().emitter(emitter -> {
                sent.add(event);
                maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                AtomicInteger ofAggregate = inFlightByAggregate.computeIfAbsent(event.address() + "/" + event.aggregateId(),
                        k -> new AtomicInteger());
                maxInFlightOfOneAggregate.accumulateAndGet(ofAggregate.incrementAndGet(), Math::max);
                brokerThreads.schedule(() -> {
                    ofAggregate.decrementAndGet();
                    RuntimeException refused = refuse.apply(event);
                    if (refused == null) {
                        acceptedInOrder.add(event);
                    }
                    inFlight.decrementAndGet();
                    if (refused != null) {
                        emitter.fail(refused);
                    } else {
                        emitter.complete(null);
                    }
                }, ThreadLocalRandom.current().nextInt(3000), TimeUnit.MICROSECONDS);
            });
        }
    }

    private static void assertEachAggregateInOrder(List<PendingEvent> events) {
        Map<String, List<Long>> byAggregate = new HashMap<>();
        events.forEach(e -> byAggregate.computeIfAbsent(e.address() + "/" + e.aggregateId(), k -> new ArrayList<>()).add(e.seq()));
        byAggregate.values().forEach(seqs -> assertThat(seqs).isSorted());
    }

    /** {@code count} events, seq 1.., spread round-robin over {@code aggregates} aggregates. */
    private static List<PendingEvent> events(int count, int aggregates, String address) {
        List<PendingEvent> events = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            events.add(new PendingEvent(i, UUID.randomUUID(), address, "aggregate-" + (i % aggregates), "dispatch.test", "{}", null));
        }
        return events;
    }

    private static PendingEvent withSeq(PendingEvent e, long seq) {
        return new PendingEvent(seq, e.id(), e.address(), e.aggregateId(), e.type(), e.body(), e.trace());
    }
}
