package dev.dispatch.notification.repository;

import java.util.List;

import dev.dispatch.testsupport.health.DatabaseReadinessContract;
import io.quarkus.test.junit.QuarkusTest;

/** The history, acks and preferences live in PostgreSQL: ready only while it is reachable. */
@QuarkusTest
class DatabaseReadinessTest implements DatabaseReadinessContract {

    @Override
    public List<String> expectedTables() {
        return List.of("processed_event", "order_owner", "notification", "ws_unacked", "preference", "chat_room", "chat_work",
                "chat_work_lock", "chat_account", "courier_presence", "presence_subscriber", "order_party", "call", "call_signal");
    }
}
