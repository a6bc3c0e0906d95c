package dev.dispatch.notification.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The unacked marks of WebSocket deliveries, written in groups: while one INSERT is on its way, the marks asked for
 * meanwhile wait and go together in the next (at most {@link #MAX_BATCH} rows each). One event to 10,000 operators
 * is then a handful of statements instead of 10,000, yet every mark is committed before its notification is sent,
 * exactly as when each was written alone: a mark is never lost to a crash after its notification left.
 */
@ApplicationScoped
public class UnackedMarks {

    static final int MAX_BATCH = 1000;

    private final UnackedRepository repository;
    private final Queue<Mark> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();

    UnackedMarks(UnackedRepository repository) {
        this.repository = repository;
    }

    /** Completes once the mark is committed (fails with the batch's failure, if its INSERT fails). */
    public Uni<Void> markSent(String userId, long seq) {
        return Uni.createFrom().emitter(emitter -> {
            waiting.add(new Mark(userId, seq, emitter));
            writeNext();
        });
    }

    private void writeNext() {
        if (waiting.isEmpty() || !writing.compareAndSet(false, true)) {
            return;
        }
        List<Mark> batch = new ArrayList<>();
        for (Mark mark = waiting.poll(); mark != null; mark = batch.size() < MAX_BATCH ? waiting.poll() : null) {
            batch.add(mark);
        }
        if (batch.isEmpty()) {
            writing.set(false);
            writeNext(); // a mark may have arrived between the check and taking the flag
            return;
        }
        repository.markSent(batch.stream().map(Mark::userId).toList(), batch.stream().map(Mark::seq).toList())
                .subscribe().with(ok -> done(batch, null), failure -> done(batch, failure));
    }

    private void done(List<Mark> batch, Throwable failure) {
        writing.set(false);
        writeNext();
        for (Mark mark : batch) {
            if (failure == null) {
                mark.emitter().complete(null);
            } else {
                mark.emitter().fail(failure);
            }
        }
    }

    private record Mark(String userId, long seq, UniEmitter<? super Void> emitter) {
    }
}
