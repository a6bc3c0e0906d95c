package dev.dispatch.platform.outbox;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.smallrye.mutiny.Uni;

/**
 * One batch of pending events on its way to the broker, many unsettled at once: up to {@code maxInFlight} sent and
 * not yet answered, oldest first, except that an aggregate's next event (same address and aggregate) is sent only
 * after the broker accepted its previous one. That rule, not the connector, keeps each aggregate's order: the AMQP
 * connector may write two messages handed to it from different threads, or its own retries of failed sends, in
 * another order than it got them, which can only swap events of different aggregates here.
 * <p>
 * The first failure stops the window: nothing more is sent, the sends under way are waited for, and the result names
 * the events the broker accepted (all of them safe to mark: each one's predecessors were accepted before it was sent)
 * and the failure. The events not accepted stay pending for the next run.
 * <p>
 * All its state is touched by one thread at a time: every step runs through {@link #serially}, whichever thread
 * (the broker's answers, a timeout, the caller) asks for it.
 */
final class PublishWindow {

    /** What became of a batch: the {@code seq} of each event the broker accepted, and the failure that stopped it, or null. */
    record Outcome(List<Long> accepted, Throwable failure) {
    }

    private final int maxInFlight;
    private final Function<PendingEvent, Uni<Void>> send;
    private final Map<String, ArrayDeque<PendingEvent>> byAggregate = new LinkedHashMap<>();
    private final PriorityQueue<PendingEvent> ready = new PriorityQueue<>(Comparator.comparingLong(PendingEvent::seq));
    private final List<Long> accepted = new ArrayList<>();
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    private final Queue<Runnable> steps = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pendingSteps = new AtomicInteger();
    private int inFlight;
    private Throwable failure;

    private PublishWindow(List<PendingEvent> batch, int maxInFlight, Function<PendingEvent, Uni<Void>> send) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("max-in-flight must be at least 1, not " + maxInFlight);
        }
        this.maxInFlight = maxInFlight;
        this.send = send;
        for (PendingEvent event : batch) {
            ArrayDeque<PendingEvent> queue = byAggregate.computeIfAbsent(aggregate(event), key -> new ArrayDeque<>());
            queue.add(event);
            if (queue.size() == 1) {
                ready.add(event);
            }
        }
    }

    /**
     * Sends the batch (in {@code seq} order) with {@code send}, whose Uni completes when the broker accepted the event
     * and fails when it did not (or did not answer in time). Never fails itself: a failure is in the outcome.
     */
    static Uni<Outcome> publish(List<PendingEvent> batch, int maxInFlight, Function<PendingEvent, Uni<Void>> send) {
        return Uni.createFrom().deferred(() -> {
            PublishWindow window = new PublishWindow(batch, maxInFlight, send);
            window.serially(window::sendWhatMayGo);
            return Uni.createFrom().completionStage(window.outcome);
        });
    }

    private void sendWhatMayGo() {
        while (failure == null && inFlight < maxInFlight && !ready.isEmpty()) {
            PendingEvent event = ready.poll();
            inFlight++;
            Uni<Void> sending;
            try {
                sending = send.apply(event);
            } catch (RuntimeException e) {
                sending = Uni.createFrom().failure(e);
            }
            // An answer that comes at once (on this thread) is a step of its own, taken after this one.
            sending.subscribe().with(ok -> serially(() -> accepted(event)), f -> serially(() -> failed(f)));
        }
        finishIfSettled();
    }

    private void accepted(PendingEvent event) {
        inFlight--;
        accepted.add(event.seq());
        ArrayDeque<PendingEvent> queue = byAggregate.get(aggregate(event));
        queue.poll();
        if (!queue.isEmpty()) {
            ready.add(queue.peek());
        }
        sendWhatMayGo();
    }

    private void failed(Throwable f) {
        inFlight--;
        if (failure == null) {
            failure = f;
        }
        finishIfSettled();
    }

    private void finishIfSettled() {
        if (inFlight == 0 && (failure != null || ready.isEmpty())) {
            outcome.complete(new Outcome(List.copyOf(accepted), failure));
        }
    }

    // Runs the step now, or after the step under way on another thread (or further up this one's stack) has ended.
    private void serially(Runnable step) {
        steps.add(step);
        if (pendingSteps.getAndIncrement() != 0) {
            return;
        }
        do {
            try {
                steps.poll().run();
            } catch (RuntimeException bug) {
                outcome.completeExceptionally(bug);
            }
        } while (pendingSteps.decrementAndGet() != 0);
    }

    private static String aggregate(PendingEvent event) {
        return event.address() + '\u0000' + event.aggregateId();
    }
}
