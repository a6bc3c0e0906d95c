package dev.dispatch.loadgen.scenario;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import dev.dispatch.loadgen.core.Ticker;
import dev.dispatch.loadgen.local.LocalRun;

/** The named scenarios bin/bench runs (mqtt-ingest and coap-ingest are device-simulator's, started by bin/bench). */
public final class Scenarios {

    public static final List<String> NAMES = List.of("orders-rest", "orders-graphql", "orders-grpc", "read-mix", "push-latency",
            "ws-fanout", "broker-amqp");

    private Scenarios() {
    }

    /**
     * A fresh instance of scenario {@code name}, acting as customer {@code customer}; {@code runId} makes its
     * idempotency keys (and ws-fanout's operators) unique.
     */
    public static Scenario create(String name, Endpoints endpoints, LocalRun run, String customer, String runId,
            ScenarioOptions options, Ticker ticker) {
        if (name.equals("ws-fanout")) {
            WsFanout.smallerClientBuffers();
        }
        if (name.equals("broker-amqp")) {
            return new BrokerAmqp(run.broker(), ticker);
        }
        HttpClient http = Gateway.client();
        // Valid well past any run: a token that expires mid-run would turn into a wall of 401s.
        String token = run.token("customer", customer, Duration.ofHours(12));
        Gateway gateway = new Gateway(http, endpoints.gateway(), token);
        return switch (name) {
            case "orders-rest" -> new OrdersRest(gateway, runId);
            case "orders-graphql" -> new OrdersGraphql(gateway, runId);
            case "orders-grpc" -> new OrdersGrpc(endpoints.orderGrpcHost(), endpoints.orderGrpcPort(),
                    () -> run.customerToOrderService(customer), runId);
            case "read-mix" -> new ReadMix(gateway, runId, options.seedOrders());
            case "push-latency" -> new PushLatency(gateway, http, endpoints.notifications(), token, runId, ticker);
            case "ws-fanout" -> {
                Function<String, String> operators = run.tokens("operator", Duration.ofHours(12));
                yield new WsFanout(gateway, endpoints.notifications(), i -> operators.apply(WsFanout.operator(runId, i)), customer,
                        runId, options.clients(), options.ackInterval(), ticker);
            }
            default -> throw new IllegalArgumentException("no scenario '" + name + "': one of " + String.join(", ", NAMES));
        };
    }
}
