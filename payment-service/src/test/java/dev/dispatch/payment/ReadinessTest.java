package dev.dispatch.payment;

import java.util.List;

import dev.dispatch.testsupport.health.DatabaseReadinessContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ReadinessTest implements DatabaseReadinessContract {

    @Override
    public List<String> expectedTables() {
        return List.of("payment", "refund");
    }
}
