package dev.dispatch.notification.repository;

import java.util.List;

import dev.dispatch.notification.model.Notification;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** WebSocket notifications sent to a user and not acknowledged yet, shared by every replica. */
@ApplicationScoped
public class UnackedRepository {

    private final Pool pool;
    private final NotificationRepository notifications;

    public UnackedRepository(Pool pool, NotificationRepository notifications) {
        this.pool = pool;
        this.notifications = notifications;
    }

    /**
     * Marks notifications as sent and awaiting their users' acks, in one statement: {@code userIds[i]} was sent
     * {@code seqs[i]}. A notification pruned meanwhile is simply not marked. Called through {@link UnackedMarks}.
     */
    Uni<Void> markSent(List<String> userIds, List<Long> seqs) {
        return pool.preparedQuery("""
                INSERT INTO ws_unacked (user_id, seq)
                SELECT m.user_id, n.seq FROM unnest($1::text[], $2::bigint[]) AS m(user_id, seq) JOIN notification n ON n.seq = m.seq
                ON CONFLICT DO NOTHING""")
                .execute(Tuple.of(userIds.toArray(String[]::new), seqs.toArray(Long[]::new)))
                .replaceWithVoid();
    }

    /**
     * Forgets acknowledged notifications, in one statement: {@code userIds[i]} acknowledged {@code seqs[i]}; ids of
     * others' notifications change nothing. Called through {@link UnackedMarks}.
     */
    Uni<Void> ack(List<String> userIds, List<Long> seqs) {
        return pool.preparedQuery("""
                DELETE FROM ws_unacked u USING unnest($1::text[], $2::bigint[]) AS a(user_id, seq)
                WHERE u.user_id = a.user_id AND u.seq = a.seq""")
                .execute(Tuple.of(userIds.toArray(String[]::new), seqs.toArray(Long[]::new)))
                .replaceWithVoid();
    }

    /** The newest {@code limit} unacknowledged notifications up to a seq, oldest first: what a reconnect sends again. */
    public Uni<List<Notification>> unacked(String userId, long upTo, int limit) {
        return pool.preparedQuery("SELECT " + NotificationRepository.COLUMNS
                + " FROM ws_unacked u JOIN notification n ON n.seq = u.seq WHERE u.user_id = $1 AND u.seq <= $2"
                + " ORDER BY n.seq DESC LIMIT $3")
                .execute(Tuple.of(userId, upTo, limit))
                .map(notifications::toList)
                .map(NotificationRepository::oldestFirst);
    }

    /** Keeps the newest {@code limit} marks per user, so a client that never acks holds a bounded backlog. */
    public Uni<Integer> trim(int limit) {
        return pool.preparedQuery("""
                DELETE FROM ws_unacked u USING (
                    SELECT user_id, seq, row_number() OVER (PARTITION BY user_id ORDER BY seq DESC) AS rank FROM ws_unacked
                ) ranked
                WHERE ranked.rank > $1 AND u.user_id = ranked.user_id AND u.seq = ranked.seq""")
                .execute(Tuple.of(limit))
                .map(rows -> rows.rowCount());
    }
}
