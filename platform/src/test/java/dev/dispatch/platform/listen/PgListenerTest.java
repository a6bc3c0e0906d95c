package dev.dispatch.platform.listen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.dispatch.testsupport.postgres.PostgresTestResource;
import dev.dispatch.testsupport.postgres.TestDatabase;
import io.vertx.mutiny.core.Vertx;

/** LISTEN on a real PostgreSQL, through the proxy the test resource puts in front of it so the link can be cut. */
class PgListenerTest {

    private final PostgresTestResource database = new PostgresTestResource();
    private Vertx vertx;
    private PgListener listener;
    private final AtomicInteger subscribed = new AtomicInteger();
    private final List<String> payloads = new CopyOnWriteArrayList<>();

    @BeforeEach
    void listen() {
        database.init(Map.of("database", "listen"));
        Map<String, String> config = database.start();
        vertx = Vertx.vertx();
        listener = new PgListener(vertx, config.get("quarkus.datasource.reactive.url"), config.get("quarkus.datasource.username"),
                config.get("quarkus.datasource.password"), "test changes")
                .channel("test_changes", subscribed::incrementAndGet, payloads::add);
        listener.start();
    }

    @AfterEach
    void stop() {
        listener.stop();
        vertx.closeAndAwait();
        database.stop();
    }

    @Test
    void aCommittedNotifyArrivesAndALostLinkIsResubscribed() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> subscribed.get() == 1);
        notify("o-1");
        await().atMost(Duration.ofSeconds(10)).until(() -> payloads.equals(List.of("o-1")));

        // The connection drops: the listener comes back by itself and says so, since NOTIFYs may have been missed.
        PostgresTestResource.proxy().cut();
        PostgresTestResource.proxy().restore();
        await().atMost(Duration.ofSeconds(20)).until(() -> subscribed.get() >= 2);
        notify("o-2");
        await().atMost(Duration.ofSeconds(10)).until(() -> payloads.contains("o-2"));
        assertThat(payloads).containsExactly("o-1", "o-2");
    }

    private static void notify(String payload) throws Exception {
        try (var connection = TestDatabase.connect(); var statement = connection.createStatement()) {
            statement.execute("SELECT pg_notify('test_changes', '" + payload + "')");
        }
    }
}
