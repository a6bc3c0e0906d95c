package dev.dispatch.iot;

import java.util.List;

import dev.dispatch.testsupport.health.BrokerReadinessContract;
import dev.dispatch.testsupport.health.DatabaseReadinessContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ReadinessTest implements DatabaseReadinessContract, BrokerReadinessContract {

    @Override
    public List<String> expectedTables() {
        return List.of("device", "telemetry", "order_binding", "outbox_event", "processed_event");
    }
}
