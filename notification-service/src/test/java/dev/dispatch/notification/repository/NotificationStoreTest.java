package dev.dispatch.notification.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.dispatch.notification.config.NotificationConfig;
import dev.dispatch.notification.model.NewNotification;
import dev.dispatch.notification.model.Notification;
import dev.dispatch.notification.service.NotificationFeed;
import dev.dispatch.notification.support.Ids;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.inject.Inject;

/**
 * Storing: the history of each customer (and of the events without one) is trimmed to exactly its newest history-size
 * rows, and the NOTIFY that tells every replica carries the notification exactly as a read of it gives it back (then
 * no replica reads it), or only its seq when it is too large for a NOTIFY (then every replica reads it).
 */
@QuarkusTest
class NotificationStoreTest {

    static final Duration WAIT = Duration.ofSeconds(15);

    @Inject
    NotificationRepository repository;

    @Inject
    NotificationFeed feed;

    @Inject
    NotificationConfig config;

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @Test
    void eachCustomersHistoryKeepsExactlyItsNewestHistorySize() {
        String alice = Ids.customer();
        String bob = Ids.customer();
        int size = config.historySize(); // 20 in tests
        List<Long> alices = new ArrayList<>();
        List<Long> bobs = new ArrayList<>();
        for (int i = 0; i < size + 7; i++) {
            alices.add(store(alice, null));
            if (i % 3 == 0) {
                bobs.add(store(bob, null));
            }
        }

        assertThat(storedSeqs("customer_id = $1", alice)).containsExactlyElementsOf(alices.subList(7, alices.size()));
        assertThat(storedSeqs("customer_id = $1", bob)).containsExactlyElementsOf(bobs);
    }

    @Test
    void theEventsWithoutACustomerAreOneHistoryTrimmedTheSameWay() {
        int size = config.historySize();
        List<Long> mine = new ArrayList<>();
        for (int i = 0; i < size + 3; i++) {
            mine.add(store(null, null));
        }

        List<Long> kept = storedSeqs("customer_id IS NULL AND $1::text IS NULL", null);
        assertThat(kept).hasSize(size).endsWith(mine.subList(3, mine.size()).toArray(Long[]::new));
    }

    @Test
    void rowsOfAReplicaOfTheVersionBeforeAreNumberedAndTrimmedToo() {
        String alice = Ids.customer();
        int size = config.historySize();
        List<Long> stored = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            stored.add(store(alice, null));
        }
        // During a rolling update, a replica of the version before stores without an ordinal (and trims by itself).
        stored.add(storeAsTheVersionBefore(alice));
        stored.add(storeAsTheVersionBefore(alice));
        stored.add(store(alice, null));
        stored.add(store(alice, null));

        assertThat(storedSeqs("customer_id = $1", alice)).containsExactlyElementsOf(stored.subList(stored.size() - size, stored.size()));
        List<Long> ordinals = new ArrayList<>();
        pool.preparedQuery("SELECT customer_ordinal FROM notification WHERE customer_id = $1 ORDER BY seq").execute(Tuple.of(alice))
                .await().atMost(WAIT).forEach(row -> ordinals.add(row.getLong(0)));
        assertThat(ordinals).doesNotContainNull();
        assertThat(ordinals.get(ordinals.size() - 1) - ordinals.get(0) + 1).isEqualTo(size); // numbered without gaps
    }

    @Test
    void theNotifyCarriesTheNotificationAsAReadGivesItBack() {
        List<String> payloads = new CopyOnWriteArrayList<>();
        PgSubscriber subscriber = PgSubscriber.subscriber(vertx, PgConnectOptions.fromUri(url).setUser(user).setPassword(password));
        subscriber.channel(NotificationRepository.CHANNEL).handler(payloads::add);
        subscriber.connect().await().atMost(WAIT);
        try {
            String alice = Ids.customer();
            long first = store(alice, "{\"orderId\":\"o-1\",\"note\":\"été ✓\"}");
            long second = store(alice, null);
            await().atMost(WAIT).until(() -> announced(payloads, second) != null);

            assertThat(announced(payloads, second).notification()).isEqualTo(read(second));
            assertThat(announced(payloads, first).notification()).isEqualTo(read(first));
        } finally {
            subscriber.closeAndAwait();
        }
    }

    @Test
    void aNotificationTooLargeForANotifyIsAnnouncedByItsSeqAndReadByTheFeed() {
        List<Notification> live = new CopyOnWriteArrayList<>();
        NotificationFeed.Attachment attachment = feed.attach(n -> true, 1000, () -> { });
        Cancellable watching = attachment.live().subscribe().with(live::add);
        try {
            String alice = Ids.customer();
            String large = "{\"blob\":\"" + "x".repeat(10_000) + "\"}";
            long before = store(alice, null);
            long big = store(alice, large);
            long after = store(alice, null);

            await().atMost(WAIT).until(() -> live.stream().anyMatch(n -> n.seq() == after));
            List<Long> seen = live.stream().map(Notification::seq).filter(seq -> seq >= before && seq <= after).toList();
            assertThat(seen).containsExactly(before, big, after);
            assertThat(live.stream().filter(n -> n.seq() == big).findFirst().orElseThrow()).isEqualTo(read(big));
            assertThat(live.stream().map(Notification::seq).toList()).isSorted().doesNotHaveDuplicates();
        } finally {
            watching.cancel();
            attachment.detach().run();
        }
    }

    private long store(String customerId, String data) {
        return repository.store(new NewNotification(UUID.randomUUID().toString(), "/test", "dispatch.order.placed", Ids.order(),
                customerId, customerId == null, Instant.now(), "placed", data)).await().atMost(WAIT).orElseThrow();
    }

    // What the version before ran: the row without customer_ordinal, then its trim.
    private long storeAsTheVersionBefore(String customerId) {
        long seq = pool.preparedQuery("""
                INSERT INTO notification (seq, event_id, source, type, order_id, customer_id, operators_only, time, text)
                VALUES (nextval('notification_seq'), $1, '/test', 'dispatch.order.placed', $2, $3, false, now(), 'placed') RETURNING seq""")
                .execute(Tuple.of(UUID.randomUUID().toString(), Ids.order(), customerId)).await().atMost(WAIT).iterator().next().getLong(0);
        pool.preparedQuery("DELETE FROM notification WHERE customer_id = $2 AND seq <= (SELECT seq FROM notification WHERE customer_id = $2"
                + " ORDER BY seq DESC OFFSET $1 LIMIT 1)").execute(Tuple.of(config.historySize(), customerId)).await().atMost(WAIT);
        return seq;
    }

    private Notification read(long seq) {
        return repository.after(seq - 1, 1).await().atMost(WAIT).get(0);
    }

    private Announcement announced(List<String> payloads, long seq) {
        return payloads.stream().map(repository::announced).flatMap(java.util.Optional::stream).filter(a -> a.seq() == seq)
                .findFirst().orElse(null);
    }

    private List<Long> storedSeqs(String where, String customerId) {
        List<Long> seqs = new ArrayList<>();
        pool.preparedQuery("SELECT seq FROM notification WHERE " + where + " ORDER BY seq").execute(Tuple.of(customerId))
                .await().atMost(WAIT).forEach(row -> seqs.add(row.getLong(0)));
        return seqs;
    }
}
