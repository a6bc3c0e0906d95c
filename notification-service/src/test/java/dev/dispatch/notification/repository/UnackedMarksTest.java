package dev.dispatch.notification.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.dispatch.notification.model.NewNotification;
import dev.dispatch.notification.support.Ids;
import dev.dispatch.testsupport.postgres.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;

/**
 * Marks asked for together are written together, and each one is committed when its Uni completes: one event to
 * thousands of sockets is a few INSERTs, and no notification leaves before its mark is stored. Their acknowledgements
 * are cleared the same way, each user's only.
 */
@QuarkusTest
class UnackedMarksTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    UnackedMarks marks;

    @Inject
    NotificationRepository notifications;

    @Test
    void everyMarkOfAFanOutIsCommittedWhenItsUniCompletes() {
        long seq = store();
        List<String> users = IntStream.range(0, 2_500).mapToObj(i -> Ids.operator()).toList();

        List<Uni<Void>> all = new ArrayList<>();
        users.forEach(user -> all.add(marks.markSent(user, seq)));
        Uni.join().all(all).andFailFast().await().atMost(WAIT);

        assertThat(count("select count(*) from ws_unacked where seq = " + seq)).isEqualTo(2_500);
    }

    @Test
    void aMarkIsCommittedOnceItsUniCompletesAndASecondMarkChangesNothing() {
        long seq = store();
        String user = Ids.operator();

        marks.markSent(user, seq).await().atMost(WAIT);
        assertThat(count("select count(*) from ws_unacked where seq = " + seq + " and user_id = '" + user + "'")).isEqualTo(1);
        marks.markSent(user, seq).await().atMost(WAIT);
        assertThat(count("select count(*) from ws_unacked where seq = " + seq)).isEqualTo(1);
    }

    @Test
    void aNotificationPrunedMeanwhileIsNotMarkedAndTheOthersAre() {
        long kept = store();
        String user = Ids.operator();

        Uni.join().all(marks.markSent(user, kept), marks.markSent(user, Long.MAX_VALUE - 1)).andFailFast().await().atMost(WAIT);

        assertThat(TestDatabase.column("select seq from ws_unacked where user_id = '" + user + "'")).containsExactly(String.valueOf(kept));
    }

    @Test
    void everyAckOfAFanOutIsCommittedWhenItsUniCompletesAndTouchesOnlyItsOwnMarks() {
        long first = store();
        long second = store();
        List<String> users = IntStream.range(0, 2_500).mapToObj(i -> Ids.operator()).toList();
        List<Uni<Void>> marked = new ArrayList<>();
        users.forEach(user -> {
            marked.add(marks.markSent(user, first));
            marked.add(marks.markSent(user, second));
        });
        Uni.join().all(marked).andFailFast().await().atMost(WAIT);

        // Every user acknowledges the first.
        List<Uni<Void>> acks = new ArrayList<>();
        users.forEach(user -> acks.add(marks.acked(user, List.of(first))));
        Uni.join().all(acks).andFailFast().await().atMost(WAIT);

        assertThat(count("select count(*) from ws_unacked where seq = " + first)).isZero();
        assertThat(count("select count(*) from ws_unacked where seq = " + second)).isEqualTo(2_500);
        // One user acknowledges the second (the others' marks of it stay), the first again and one never sent.
        marks.acked(users.get(0), List.of(second, first, Long.MAX_VALUE - 1)).await().atMost(WAIT);
        assertThat(count("select count(*) from ws_unacked where seq = " + second)).isEqualTo(2_499);
        assertThat(count("select count(*) from ws_unacked where seq = " + second + " and user_id = '" + users.get(0) + "'")).isZero();
    }

    @Test
    void anAckOfNothingCompletesAndChangesNothing() {
        long seq = store();
        String user = Ids.operator();
        marks.markSent(user, seq).await().atMost(WAIT);

        marks.acked(user, List.of()).await().atMost(WAIT);

        assertThat(count("select count(*) from ws_unacked where seq = " + seq)).isEqualTo(1);
    }

    private long store() {
        return notifications.store(new NewNotification(UUID.randomUUID().toString(), "/test", "dispatch.order.paid",
                Ids.order(), Ids.customer(), false, Instant.now(), "paid", null)).await().atMost(WAIT).orElseThrow();
    }

    private static long count(String sql) {
        return Long.parseLong(TestDatabase.column(sql).get(0));
    }
}
