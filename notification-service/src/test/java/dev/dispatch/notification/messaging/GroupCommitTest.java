package dev.dispatch.notification.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.dispatch.notification.config.NotificationConfig;
import dev.dispatch.notification.support.CloudEvents;
import dev.dispatch.notification.support.Ids;
import dev.dispatch.testsupport.amqp.BrokerConnected;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;

/**
 * Group commit: events that arrive while a store is on its way are stored together, in one transaction per group, and
 * still in the order they arrived, each once. Holding the store lock from outside makes the events pile up.
 */
@QuarkusTest
class GroupCommitTest extends BrokerConnected {

    static final int ORDERS = 150; // placed and paid each: 300 events, more than the events-in-flight bound of 256
    static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    Pool pool;

    @Inject
    NotificationConfig config;

    @Test
    void eventsThatArriveWhileAStoreWaitsAreStoredTogetherInArrivalOrder() {
        List<String> customers = new ArrayList<>();
        List<String> published = new ArrayList<>();
        double groupsBefore = metric("notifications_store_group_count");
        double storedBefore = metric("notifications_store_group_sum");

        SqlConnection lockHolder = pool.getConnection().await().atMost(WAIT);
        try {
            lockHolder.preparedQuery("SELECT pg_advisory_lock($1)").execute(Tuple.of(config.storeLockKey())).await().atMost(WAIT);
            for (int i = 0; i < ORDERS; i++) {
                String customer = Ids.customer();
                String order = Ids.order();
                customers.add(customer);
                for (String type : List.of("placed", "paid")) {
                    broker.publish("order-events", CloudEvents.order(type, order, customer));
                    published.add(order + " dispatch.order." + type);
                }
            }
            // Taken in up to the bound (one more waits to be admitted), all waiting behind the first store.
            await().atMost(WAIT).until(() -> metric("notifications_events_in_flight") >= config.eventsInFlight());
        } finally {
            lockHolder.preparedQuery("SELECT pg_advisory_unlock($1)").execute(Tuple.of(config.storeLockKey())).await().atMost(WAIT);
            lockHolder.close().await().atMost(WAIT);
        }

        await().atMost(WAIT).until(() -> stored(customers).size() == published.size());
        assertThat(stored(customers)).containsExactlyElementsOf(published);
        double groups = metric("notifications_store_group_count") - groupsBefore;
        assertThat(metric("notifications_store_group_sum") - storedBefore).isEqualTo(published.size());
        // At most 100 per transaction: the first alone, then the 256 piled up in three, the rest as they come.
        assertThat(groups).isBetween(4.0, 50.0);
    }

    private List<String> stored(List<String> customers) {
        List<String> rows = new ArrayList<>();
        pool.preparedQuery("SELECT order_id, type FROM notification WHERE customer_id = ANY($1) ORDER BY seq")
                .execute(Tuple.of(customers.toArray(String[]::new))).await().atMost(WAIT)
                .forEach(row -> rows.add(row.getString(0) + " " + row.getString(1)));
        return rows;
    }

    private static double metric(String name) {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*\\})? ([0-9.E+-]+)( #.*)?$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(2)) : 0;
    }
}
