package dev.dispatch.notification.repository;

import java.util.List;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The unacked marks of WebSocket deliveries, written and cleared in groups ({@link GroupedWrites}). One event to
 * 10,000 operators is then a handful of INSERTs instead of 10,000, and their 10,000 acknowledgements a handful of
 * DELETEs; yet every mark is committed before its notification is sent, and every acknowledgement before it is
 * confirmed to its socket, exactly as when each was written alone: a mark is never lost to a crash after its
 * notification left.
 */
@ApplicationScoped
public class UnackedMarks {

    static final int MAX_BATCH = 1000;

    private final GroupedWrites<Mark, Void> sent;
    private final GroupedWrites<Mark, Void> acked;

    UnackedMarks(UnackedRepository repository) {
        this.sent = GroupedWrites.statements(MAX_BATCH, marks -> repository.markSent(userIds(marks), seqs(marks)));
        this.acked = GroupedWrites.statements(MAX_BATCH, marks -> repository.ack(userIds(marks), seqs(marks)));
    }

    /** Completes once the mark is committed (fails with the batch's failure, if its INSERT fails). */
    public Uni<Void> markSent(String userId, long seq) {
        return sent.add(new Mark(userId, seq));
    }

    /**
     * Forgets the user's acknowledged notifications; completes once that is committed. Ids of others' notifications
     * change nothing.
     */
    public Uni<Void> acked(String userId, List<Long> seqs) {
        if (seqs.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(seqs.stream().map(seq -> acked.add(new Mark(userId, seq))).toList())
                .andFailFast().replaceWithVoid();
    }

    private static List<String> userIds(List<Mark> marks) {
        return marks.stream().map(Mark::userId).toList();
    }

    private static List<Long> seqs(List<Mark> marks) {
        return marks.stream().map(Mark::seq).toList();
    }

    private record Mark(String userId, long seq) {
    }
}
