package dev.dispatch.order;

import java.util.List;

import dev.dispatch.testsupport.health.BrokerReadinessContract;
import dev.dispatch.testsupport.health.DatabaseReadinessContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ReadinessTest implements DatabaseReadinessContract, BrokerReadinessContract {

    @Override
    public List<String> expectedTables() {
        return List.of("customer_order", "order_item", "outbox_event", "processed_event");
    }
}
