package dev.dispatch.loadgen.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import dev.dispatch.loadgen.core.Outcome;
import dev.dispatch.loadgen.core.ResultRow;
import dev.dispatch.loadgen.core.Target;
import dev.dispatch.loadgen.core.Ticker;
import dev.dispatch.loadgen.local.LocalRun;
import io.vertx.amqp.AmqpClient;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.amqp.AmqpConnection;
import io.vertx.amqp.AmqpMessage;
import io.vertx.amqp.AmqpReceiverOptions;
import io.vertx.amqp.AmqpSender;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * The broker's own AMQP rate, the baseline of the outbox relay: durable messages of an order event's size sent to a
 * bench-only address with a durable queue (so the broker writes each one to its journal, as for the real events),
 * each done when the broker accepts it, as the relay's sends are; one consumer drains the queue and counts every
 * message once. Nothing of the system reads {@code bench.baseline}.
 */
public final class BrokerAmqp implements Scenario {

    static final String ADDRESS = "bench.baseline";
    /** About the size of an order's paid CloudEvent as the relay sends it. */
    private static final String PAYLOAD = "x".repeat(700);

    private final LocalRun.Broker broker;
    private final PushTracker tracker = new PushTracker(List.of("consumer"));
    private final Ticker ticker;
    private final Vertx vertx = Vertx.vertx();
    private AmqpClient client;
    private AmqpSender sender;

    BrokerAmqp(LocalRun.Broker broker, Ticker ticker) {
        this.broker = broker;
        this.ticker = ticker;
    }

    @Override
    public void prepare() throws Exception {
        client = AmqpClient.create(vertx, new AmqpClientOptions().setHost(broker.host()).setPort(broker.amqpPort())
                .setUsername(broker.user()).setPassword(broker.password()));
        AmqpConnection connection = client.connect().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        // A durable queue of its own (address::queue), made before the first send so no message finds no queue.
        connection.createReceiver(ADDRESS + "::" + ADDRESS, new AmqpReceiverOptions().setDurable(true))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS)
                .handler(message -> tracker.arrived("consumer", message.applicationProperties().getString("seq"), ticker.nanoTime()));
        sender = connection.createSender(ADDRESS).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Override
    public Target target() {
        return (sequence, due) -> {
            String seq = Long.toString(sequence);
            AmqpMessage message = AmqpMessage.create().durable(true).applicationProperties(new JsonObject().put("seq", seq))
                    .withBody(PAYLOAD).build();
            CompletionStage<Void> accepted = sender.sendWithAck(message).toCompletionStage();
            return accepted.thenApply(ignored -> {
                tracker.expect(seq, due);
                return Outcome.OK;
            });
        };
    }

    @Override
    public List<ResultRow> results(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!tracker.complete() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
        TimeUnit.SECONDS.sleep(1); // a moment more for duplicates that would follow the first delivery
        return tracker.rows("received by ");
    }

    @Override
    public Map<String, String> settings() {
        return Map.of("request", "AMQP send of a durable 700-byte message to " + ADDRESS + " (its own durable queue)",
                "success", "accepted by the broker", "broker", broker.host() + ":" + broker.amqpPort());
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
        vertx.close();
    }
}
