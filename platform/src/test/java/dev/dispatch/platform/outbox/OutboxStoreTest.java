package dev.dispatch.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.dispatch.platform.cloudevents.TraceContext;
import dev.dispatch.platform.dedupe.ProcessedEvents;
import dev.dispatch.testsupport.postgres.PostgresTestResource;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;

/** The outbox and dedupe statements against a real PostgreSQL, on the tables as the services' migrations create them. */
class OutboxStoreTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final PostgresTestResource DATABASE = new PostgresTestResource();
    private static Vertx vertx;
    private static Pool pool;

    @BeforeAll
    static void createTables() {
        DATABASE.init(Map.of("database", "platform"));
        Map<String, String> config = DATABASE.start();
        vertx = Vertx.vertx();
        PgConnectOptions connect = PgConnectOptions.fromUri(config.get("quarkus.datasource.reactive.url"))
                .setUser(config.get("quarkus.datasource.username")).setPassword(config.get("quarkus.datasource.password"));
        pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(2)).connectingTo(connect).using(vertx).build();
        pool.query("""
                CREATE TABLE outbox_event (
                    seq bigserial PRIMARY KEY, id uuid NOT NULL UNIQUE, address text NOT NULL, aggregate_id text NOT NULL,
                    aggregate_version bigint, type text NOT NULL, payload jsonb NOT NULL,
                    created_at timestamptz NOT NULL DEFAULT now(), published_at timestamptz, traceparent text, tracestate text);
                CREATE TABLE processed_event (
                    source text NOT NULL, event_id text NOT NULL, received_at timestamptz NOT NULL DEFAULT now(),
                    PRIMARY KEY (source, event_id))""").execute().await().atMost(WAIT);
    }

    @AfterAll
    static void dropDatabase() {
        pool.close().await().atMost(WAIT);
        vertx.closeAndAwait();
        DATABASE.stop();
    }

    @Test
    void pendingEventsComeOutInTheOrderWrittenUntilMarkedPublished() {
        OutboxEvent paid = event("order-events", "o-1", 2L, "dispatch.order.paid");
        OutboxEvent alert = event("device-alerts", "courier-1", null, "dispatch.device.alert.battery");
        OutboxEvent placed = event("order-events", "o-2", 1L, "dispatch.order.placed");
        pool.withTransaction(tx -> OutboxStore.insert(tx, List.of(paid, alert)).chain(() -> OutboxStore.insert(tx, placed)))
                .await().atMost(WAIT);

        List<PendingEvent> pending = OutboxStore.pending(pool, 10).await().atMost(WAIT);
        assertThat(pending).extracting(PendingEvent::id).containsExactly(paid.id(), alert.id(), placed.id());
        assertThat(pending.get(1).address()).isEqualTo("device-alerts");
        assertThat(pending.get(1).aggregateId()).isEqualTo("courier-1");
        assertThat(pending.get(0).body()).contains("\"type\": \"dispatch.order.paid\"");
        assertThat(OutboxStore.pending(pool, 1).await().atMost(WAIT)).hasSize(1);

        OutboxStore.markPublished(pool, pending.get(0).seq()).await().atMost(WAIT);
        assertThat(OutboxStore.pending(pool, 10).await().atMost(WAIT)).extracting(PendingEvent::id).containsExactly(alert.id(), placed.id());
    }

    @Test
    void theEventsTheBrokerAcceptedAreMarkedTogether() {
        List<OutboxEvent> events = java.util.stream.IntStream.range(0, 5).mapToObj(i -> event("order-events", "o-m" + i, 1L, "dispatch.order.placed")).toList();
        pool.withTransaction(tx -> OutboxStore.insert(tx, events)).await().atMost(WAIT);
        List<PendingEvent> pending = OutboxStore.pending(pool, 100).await().atMost(WAIT).stream()
                .filter(e -> events.stream().anyMatch(written -> written.id().equals(e.id()))).toList();

        // Accepted out of order, with a gap (the third was not): exactly those are marked.
        OutboxStore.markPublished(pool, List.of(pending.get(3).seq(), pending.get(0).seq(), pending.get(1).seq(), pending.get(4).seq()))
                .await().atMost(WAIT);
        OutboxStore.markPublished(pool, List.of()).await().atMost(WAIT);

        assertThat(OutboxStore.pending(pool, 100).await().atMost(WAIT)).extracting(PendingEvent::id)
                .contains(events.get(2).id()).doesNotContain(events.get(0).id(), events.get(1).id(), events.get(3).id(), events.get(4).id());
        OutboxStore.markPublished(pool, pending.get(2).seq()).await().atMost(WAIT);
    }

    @Test
    void anEventKeepsTheTraceContextItWasWrittenIn() {
        TraceContext trace = TraceContext.of("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "vendor=1");
        OutboxEvent traced = new OutboxEvent(UUID.randomUUID(), "order-events", "o-9", 1L, "dispatch.order.placed", "{}", trace);
        OutboxEvent untraced = event("order-events", "o-10", 1L, "dispatch.order.placed");
        pool.withTransaction(tx -> OutboxStore.insert(tx, List.of(traced, untraced))).await().atMost(WAIT);

        List<PendingEvent> pending = OutboxStore.pending(pool, 100).await().atMost(WAIT);
        assertThat(pending).filteredOn(e -> e.id().equals(traced.id())).singleElement().extracting(PendingEvent::trace).isEqualTo(trace);
        // Outside any span an event has none.
        assertThat(untraced.trace()).isNull();
        assertThat(pending).filteredOn(e -> e.id().equals(untraced.id())).singleElement().extracting(PendingEvent::trace).isNull();
        pending.forEach(e -> OutboxStore.markPublished(pool, e.seq()).await().atMost(WAIT));
    }

    @Test
    void aRolledBackChangeLeavesNoEvent() {
        OutboxEvent event = event("order-events", "o-3", 1L, "dispatch.order.placed");
        try {
            pool.withTransaction(tx -> OutboxStore.insert(tx, event).chain(() -> tx.query("SELECT 1/0").execute()))
                    .await().atMost(WAIT);
        } catch (RuntimeException expected) {
            // the change failed, so its event must not exist
        }
        assertThat(OutboxStore.pending(pool, 100).await().atMost(WAIT)).extracting(PendingEvent::id).doesNotContain(event.id());
    }

    @Test
    void oneRelayHoldsTheLockAtATime() {
        long key = 4242999;
        SqlConnection first = pool.getConnection().await().atMost(WAIT);
        SqlConnection second = pool.getConnection().await().atMost(WAIT);
        try {
            assertThat(OutboxStore.tryLock(first, key).await().atMost(WAIT)).isTrue();
            assertThat(OutboxStore.tryLock(second, key).await().atMost(WAIT)).isFalse();
            OutboxStore.unlock(first, key).await().atMost(WAIT);
            assertThat(OutboxStore.tryLock(second, key).await().atMost(WAIT)).isTrue();
            OutboxStore.unlock(second, key).await().atMost(WAIT);
        } finally {
            first.close().await().atMost(WAIT);
            second.close().await().atMost(WAIT);
        }
    }

    @Test
    void anEventIsProcessedOncePerSource() {
        String id = UUID.randomUUID().toString();
        assertThat(pool.withTransaction(tx -> ProcessedEvents.markProcessed(tx, "/iot-ingest", id)).await().atMost(WAIT)).isTrue();
        assertThat(pool.withTransaction(tx -> ProcessedEvents.markProcessed(tx, "/iot-ingest", id)).await().atMost(WAIT)).isFalse();
        assertThat(ProcessedEvents.isProcessed(pool, "/iot-ingest", id).await().atMost(WAIT)).isTrue();
        // The same id from another source is another event (CloudEvents ids are unique per source).
        assertThat(ProcessedEvents.isProcessed(pool, "/order-service", id).await().atMost(WAIT)).isFalse();
        assertThat(pool.withTransaction(tx -> ProcessedEvents.markProcessed(tx, "/order-service", id)).await().atMost(WAIT)).isTrue();

        assertThat(ProcessedEvents.forgetBefore(pool, java.time.OffsetDateTime.now().plusMinutes(1)).await().atMost(WAIT)).isGreaterThanOrEqualTo(2);
        assertThat(ProcessedEvents.isProcessed(pool, "/iot-ingest", id).await().atMost(WAIT)).isFalse();
    }

    private static OutboxEvent event(String address, String aggregate, Long version, String type) {
        UUID id = UUID.randomUUID();
        return new OutboxEvent(id, address, aggregate, version, type,
                "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"subject\":\"" + aggregate + "\"}");
    }
}
