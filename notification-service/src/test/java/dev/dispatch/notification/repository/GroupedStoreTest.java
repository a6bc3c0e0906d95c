package dev.dispatch.notification.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.dispatch.notification.config.NotificationConfig;
import dev.dispatch.notification.model.NewNotification;
import dev.dispatch.notification.support.Ids;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;

/**
 * Stores asked for together go in one transaction; one that cannot be stored (here PostgreSQL refuses a NUL in text)
 * fails alone, and the others are stored, in the order asked.
 */
@QuarkusTest
class GroupedStoreTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    NotificationRepository repository;

    @Inject
    NotificationConfig config;

    @Inject
    Pool pool;

    @Test
    void aStoreThatFailsInAGroupFailsAloneAndTheOthersAreStoredInOrder() throws Exception {
        String alice = Ids.customer();
        CompletableFuture<Optional<Long>> waiting;
        CompletableFuture<Optional<Long>> first;
        CompletableFuture<Optional<Long>> refused;
        CompletableFuture<Optional<Long>> last;
        SqlConnection lockHolder = pool.getConnection().await().atMost(WAIT);
        try {
            lockHolder.preparedQuery("SELECT pg_advisory_lock($1)").execute(Tuple.of(config.storeLockKey())).await().atMost(WAIT);
            waiting = store(alice, "waits for the lock"); // its transaction blocks; the next three wait and group
            first = store(alice, "first");
            refused = store(alice, "a NUL \u0000 in text");
            last = store(alice, "last");
        } finally {
            lockHolder.preparedQuery("SELECT pg_advisory_unlock($1)").execute(Tuple.of(config.storeLockKey())).await().atMost(WAIT);
            lockHolder.close().await().atMost(WAIT);
        }

        long firstSeq = first.get(WAIT.toSeconds(), TimeUnit.SECONDS).orElseThrow();
        long lastSeq = last.get(WAIT.toSeconds(), TimeUnit.SECONDS).orElseThrow();
        assertThat(waiting.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isPresent();
        assertThat(refused).failsWithin(WAIT);
        assertThat(firstSeq).isLessThan(lastSeq);
        assertThat(texts(alice)).containsExactly("waits for the lock", "first", "last");
    }

    private CompletableFuture<Optional<Long>> store(String customerId, String text) {
        return repository.store(new NewNotification(UUID.randomUUID().toString(), "/test", "dispatch.order.placed", Ids.order(),
                customerId, false, Instant.now(), text, null)).subscribeAsCompletionStage();
    }

    private List<String> texts(String customerId) {
        return pool.preparedQuery("SELECT text FROM notification WHERE customer_id = $1 ORDER BY seq").execute(Tuple.of(customerId))
                .await().atMost(WAIT).stream().map(row -> row.getString(0)).toList();
    }
}
