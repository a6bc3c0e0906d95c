package dev.dispatch.order.outbox;

import static dev.dispatch.order.support.Orders.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.dispatch.testsupport.amqp.AmqpTestClient;
import dev.dispatch.testsupport.broker.ArtemisTestResource;
import dev.dispatch.testsupport.postgres.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.amqp.AmqpMessage;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;

/**
 * The relay under a burst, through the real connector to the real broker: thousands of events written at once go out
 * completely and each aggregate's in the order written, also when the broker goes away in the middle of a batch, again
 * and again (events then in flight are sent again; the broker's duplicate detection and the consumers' dedupe by id take
 * care of any it had stored). That a failed send stops the batch and holds back its aggregate's later events is
 * PublishWindowTest's, in the platform. The events are written straight into the outbox, {@code aggregates} aggregates
 * of {@code versions} versions interleaved as orders' events are; the broker's own durable queue for
 * notification-service keeps them while no one reads it.
 */
@QuarkusTest
class OutboxThroughputTest {

    private static final Duration DRAINED = Duration.ofSeconds(90);
    private static final String QUEUE = "order-events::order-events.notification-service";

    @Inject
    OrderEventRelay relay;

    @Test
    void aBurstOfTwoThousandEventsIsPublishedCompletelyAndEachAggregateInOrder() throws Exception {
        String run = "burst-" + UUID.randomUUID();
        write(run, 200, 10);
        long started = System.nanoTime();
        relay.trigger();

        await().atMost(DRAINED).until(() -> pending(run) == 0);
        System.out.printf("%s: 2,000 events published in %d ms%n", run, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        Map<String, List<Long>> received = receive(run, 2000);
        assertEveryAggregateComplete(received, 200, 10);
    }

    @Test
    void theBrokerGoingAwayMidBatchLosesAndReordersNothingTimeAfterTime() throws Exception {
        String run = "outage-" + UUID.randomUUID();
        write(run, 600, 10);
        relay.trigger();

        // Three times: some more are out, others on their way or still pending, and the broker goes away for a while.
        for (int cut = 1; cut <= 3; cut++) {
            long before = pending(run);
            await().pollInterval(Duration.ofMillis(5)).atMost(DRAINED).until(() -> pending(run) < before - 300);
            ArtemisTestResource.broker().stop();
            try {
                // While it is away the rest waits in the outbox (and the relay's runs fail, each after a few sends).
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> pending(run) > 0);
            } finally {
                ArtemisTestResource.broker().start();
            }
        }

        await().atMost(DRAINED).until(() -> pending(run) == 0);
        Map<String, List<Long>> received = receive(run, 6000);
        assertEveryAggregateComplete(received, 600, 10);
    }

    /** {@code aggregates} × {@code versions} events, written in one transaction as version 1 of each, then 2, and so on. */
    private static void write(String run, int aggregates, int versions) throws Exception {
        try (Connection c = TestDatabase.connect(); PreparedStatement insert = c.prepareStatement("""
                insert into outbox_event (id, address, aggregate_id, aggregate_version, type, payload)
                values (?::uuid, 'order-events', ?, ?, 'dispatch.order.placed', ?::jsonb)""")) {
            c.setAutoCommit(false);
            for (int version = 1; version <= versions; version++) {
                for (int a = 0; a < aggregates; a++) {
                    String id = UUID.randomUUID().toString();
                    String aggregate = run + "-" + a;
                    insert.setString(1, id);
                    insert.setString(2, aggregate);
                    insert.setLong(3, version);
                    insert.setString(4, "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"/order-service\",\"type\":\"dispatch.order.placed\","
                            + "\"subject\":\"" + aggregate + "\",\"data\":{\"version\":" + version + "}}");
                    insert.addBatch();
                }
            }
            insert.executeBatch();
            c.commit();
        }
    }

    private static long pending(String run) {
        return count("select count(*) from outbox_event where aggregate_id like '" + run + "-%' and published_at is null");
    }

    /**
     * The versions of each of the run's aggregates as a consumer sees them: in the order of arrival, each event once
     * (consumers dedupe by event id, keeping the first).
     */
    private static Map<String, List<Long>> receive(String run, int expected) throws Exception {
        Vertx vertx = Vertx.vertx();
        try (AmqpTestClient broker = AmqpTestClient.connect(vertx)) {
            List<AmqpMessage> queue = broker.attach(QUEUE);
            await().atMost(DRAINED).until(() -> firstArrivals(queue, run).size() >= expected);
            // Nothing else may follow (a duplicate of one of them is dropped by id, as consumers do).
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> firstArrivals(queue, run).size() == expected);
            Map<String, AmqpMessage> arrivals = firstArrivals(queue, run);
            long copies = List.copyOf(queue).stream().filter(m -> m.groupId() != null && m.groupId().startsWith(run + "-")).count();
            System.out.printf("%s: %d events received, %d more copies%n", run, arrivals.size(), copies - arrivals.size());
            Map<String, List<Long>> versions = new LinkedHashMap<>();
            arrivals.values().forEach(m -> versions.computeIfAbsent(m.groupId(), k -> new ArrayList<>())
                    .add(AmqpTestClient.body(m).getJsonObject("data").getLong("version")));
            return versions;
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static Map<String, AmqpMessage> firstArrivals(List<AmqpMessage> queue, String run) {
        Map<String, AmqpMessage> byId = new LinkedHashMap<>();
        List.copyOf(queue).stream().filter(m -> m.groupId() != null && m.groupId().startsWith(run + "-"))
                .forEach(m -> byId.putIfAbsent(m.id(), m));
        return byId;
    }

    private static void assertEveryAggregateComplete(Map<String, List<Long>> received, int aggregates, int versions) {
        List<Long> inOrder = new ArrayList<>();
        for (long v = 1; v <= versions; v++) {
            inOrder.add(v);
        }
        assertThat(received).hasSize(aggregates);
        received.forEach((aggregate, seen) -> assertThat(seen).as(aggregate).containsExactlyElementsOf(inOrder));
    }
}
