package dev.dispatch.notification;

import dev.dispatch.testsupport.health.BrokerReadinessContract;
import io.quarkus.test.junit.QuarkusTest;

/** notification-service keeps no database: its readiness is its broker connection. */
@QuarkusTest
class ReadinessTest implements BrokerReadinessContract {
}
