package dev.dispatch.iot.support;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import io.vertx.core.Vertx;

/** A test that sends order events and reads delivery events and alerts over its own AMQP connection to the test broker. */
public abstract class BrokerConnected {

    protected Vertx vertx;
    protected Broker broker;

    @BeforeEach
    void connectToBroker() {
        vertx = Vertx.vertx();
        broker = Broker.connect(vertx);
    }

    @AfterEach
    void closeBroker() {
        broker.close();
        Wait.on(vertx.close());
    }
}
