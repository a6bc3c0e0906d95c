package dev.dispatch.notification.support;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import io.vertx.core.Vertx;
import jakarta.inject.Inject;

/** For tests that publish events: an AMQP connection to the test broker, opened before and closed after each test. */
public abstract class BrokerConnected {

    @Inject
    protected Vertx vertx;

    protected Broker broker;

    @BeforeEach
    void connectBroker() throws Exception {
        broker = Broker.connect(vertx);
    }

    @AfterEach
    void closeBroker() throws Exception {
        broker.close();
    }
}
