package dev.dispatch.broker;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.vertx.amqp.AmqpClient;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** Brokers and clients for the tests: every broker on free ports, retrying fast so tests stay short. */
final class TestBrokers {

    private TestBrokers() {
    }

    static BrokerSettings settings(Path dataDir) {
        return BrokerSettings.onFreePorts(dataDir)
                // 100 + 200 + 400 + 800 ms of redelivery delays instead of 1 + 2 + 4 + 8 s.
                .withProperty("DISPATCH_BROKER_REDELIVERY_DELAY", "100")
                .withProperty("DISPATCH_BROKER_MAX_REDELIVERY_DELAY", "1000");
    }

    static EmbeddedBroker start(Path dataDir) throws BrokerStartException {
        return new EmbeddedBroker(settings(dataDir)).start();
    }

    static AmqpClient amqpClient(Vertx vertx, EmbeddedBroker broker) {
        return AmqpClient.create(vertx, new AmqpClientOptions()
                .setHost(broker.host())
                .setPort(broker.port(Protocol.AMQP))
                .setUsername(broker.user())
                .setPassword(broker.password()));
    }

    static <T> T join(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }
}
