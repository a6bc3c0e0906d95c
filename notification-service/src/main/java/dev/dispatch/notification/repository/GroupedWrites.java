package dev.dispatch.notification.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

/**
 * Writes of one kind in groups: while one statement is on its way, the rows asked for meanwhile wait and go together
 * in the next (at most {@code maxBatch} each). Each row's Uni completes once the statement that wrote it committed,
 * or fails with that statement's failure, exactly as if it had been written alone.
 */
final class GroupedWrites<T> {

    private final int maxBatch;
    private final Function<List<T>, Uni<Void>> write;
    private final Queue<Pending<T>> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();

    GroupedWrites(int maxBatch, Function<List<T>, Uni<Void>> write) {
        this.maxBatch = maxBatch;
        this.write = write;
    }

    Uni<Void> add(T row) {
        return Uni.createFrom().emitter(emitter -> {
            waiting.add(new Pending<>(row, emitter));
            writeNext();
        });
    }

    private void writeNext() {
        if (waiting.isEmpty() || !writing.compareAndSet(false, true)) {
            return;
        }
        List<Pending<T>> batch = new ArrayList<>();
        for (Pending<T> next = waiting.poll(); next != null; next = batch.size() < maxBatch ? waiting.poll() : null) {
            batch.add(next);
        }
        if (batch.isEmpty()) {
            writing.set(false);
            writeNext(); // a row may have arrived between the check and taking the flag
            return;
        }
        Uni<Void> statement;
        try {
            statement = write.apply(batch.stream().map(Pending::row).toList());
        } catch (RuntimeException e) {
            statement = Uni.createFrom().failure(e);
        }
        statement.subscribe().with(ok -> done(batch, null), failure -> done(batch, failure));
    }

    private void done(List<Pending<T>> batch, Throwable failure) {
        writing.set(false);
        writeNext();
        for (Pending<T> pending : batch) {
            if (failure == null) {
                pending.emitter().complete(null);
            } else {
                pending.emitter().fail(failure);
            }
        }
    }

    private record Pending<T>(T row, UniEmitter<? super Void> emitter) {
    }
}
