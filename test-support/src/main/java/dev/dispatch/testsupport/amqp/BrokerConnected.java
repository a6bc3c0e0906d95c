package dev.dispatch.testsupport.amqp;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import io.vertx.core.Vertx;

/** A test that talks to the test broker over its own AMQP connection, opened before and closed after each test. */
public abstract class BrokerConnected {

    protected Vertx vertx;
    protected AmqpTestClient broker;

    @BeforeEach
    void connectToBroker() {
        vertx = Vertx.vertx();
        broker = AmqpTestClient.connect(vertx);
    }

    @AfterEach
    void closeBroker() throws Exception {
        try {
            broker.close();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(15, java.util.concurrent.TimeUnit.SECONDS);
        }
    }
}
