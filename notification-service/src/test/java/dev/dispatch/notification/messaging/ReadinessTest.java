package dev.dispatch.notification.messaging;

import dev.dispatch.testsupport.health.BrokerReadinessContract;
import io.quarkus.test.junit.QuarkusTest;

/** Ready while the broker is reachable (the database side is DatabaseReadinessTest). */
@QuarkusTest
class ReadinessTest implements BrokerReadinessContract {
}
