package dev.dispatch.notification.repository;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Function;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

/**
 * Writes of one kind in groups: while one statement (or transaction) is on its way, the rows asked for meanwhile wait
 * and go together in the next (at most {@code maxBatch} each), in the order they were asked for. Each row's Uni
 * completes with its own result once the write that held it committed, or fails with that write's failure, exactly as
 * if it had been written alone. One write at a time, so groups commit in order.
 * <p>
 * With {@code aloneOnFailure}, a group that fails is written again one row at a time, still in order, so a row that
 * cannot be written fails alone and the others are written.
 */
final class GroupedWrites<T, R> {

    private final int maxBatch;
    private final boolean aloneOnFailure;
    private final BiFunction<List<T>, Boolean, Uni<List<R>>> write;
    private final Queue<Pending<T, R>> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();

    private GroupedWrites(int maxBatch, boolean aloneOnFailure, BiFunction<List<T>, Boolean, Uni<List<R>>> write) {
        this.maxBatch = maxBatch;
        this.aloneOnFailure = aloneOnFailure;
        this.write = write;
    }

    /** Writes whose rows have no result of their own (a statement that writes them all). */
    static <T> GroupedWrites<T, Void> statements(int maxBatch, Function<List<T>, Uni<Void>> write) {
        return new GroupedWrites<>(maxBatch, false,
                (rows, alone) -> write.apply(rows).replaceWith(() -> Collections.<Void>nCopies(rows.size(), null)));
    }

    /**
     * Writes with one result per row, in the rows' order; a failed group is written again row by row ({@code write} is
     * told so by its second argument, {@code true} for a row written alone after its group failed).
     */
    static <T, R> GroupedWrites<T, R> eachAloneOnFailure(int maxBatch, BiFunction<List<T>, Boolean, Uni<List<R>>> write) {
        return new GroupedWrites<>(maxBatch, true, write);
    }

    Uni<R> add(T row) {
        return Uni.createFrom().emitter(emitter -> {
            waiting.add(new Pending<>(row, emitter));
            writeNext();
        });
    }

    private void writeNext() {
        if (waiting.isEmpty() || !writing.compareAndSet(false, true)) {
            return;
        }
        List<Pending<T, R>> batch = new ArrayList<>();
        for (Pending<T, R> next = waiting.poll(); next != null; next = batch.size() < maxBatch ? waiting.poll() : null) {
            batch.add(next);
        }
        if (batch.isEmpty()) {
            writing.set(false);
            writeNext(); // a row may have arrived between the check and taking the flag
            return;
        }
        // The next group starts before this one's rows are answered: what they go on to do never delays it.
        written(batch, false).subscribe().with(settle -> {
            writing.set(false);
            writeNext();
            settle.run();
        });
    }

    // Completes (never fails) with what answers every row of the batch; alone: a row of a group that failed.
    private Uni<Runnable> written(List<Pending<T, R>> batch, boolean alone) {
        return apply(batch, alone).onItemOrFailure().transformToUni((results, failure) -> {
            if (failure != null && aloneOnFailure && batch.size() > 1) {
                Uni<Void> oneByOne = Uni.createFrom().voidItem();
                for (Pending<T, R> pending : batch) {
                    oneByOne = oneByOne.chain(() -> written(List.of(pending), true).invoke(Runnable::run).replaceWithVoid());
                }
                return oneByOne.replaceWith((Runnable) () -> { });
            }
            return Uni.createFrom().item((Runnable) () -> {
                for (int i = 0; i < batch.size(); i++) {
                    if (failure == null) {
                        batch.get(i).emitter().complete(results.get(i));
                    } else {
                        batch.get(i).emitter().fail(failure);
                    }
                }
            });
        });
    }

    private Uni<List<R>> apply(List<Pending<T, R>> batch, boolean alone) {
        try {
            return write.apply(batch.stream().map(Pending::row).toList(), alone)
                    .invoke(results -> {
                        if (results.size() != batch.size()) {
                            throw new IllegalStateException(results.size() + " results for " + batch.size() + " rows");
                        }
                    });
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(e);
        }
    }

    private record Pending<T, R>(T row, UniEmitter<? super R> emitter) {
    }
}
