package dev.dispatch.loadgen.scenario;

import java.util.Map;

import dev.dispatch.loadgen.core.Outcome;
import dev.dispatch.loadgen.core.Target;

/** The placeOrder mutation at the gateway: an answer with an order id and no errors is a success. */
public final class OrdersGraphql implements Scenario {

    private static final String MUTATION = "mutation($order: PlaceOrderInput!, $key: String) "
            + "{ placeOrder(order: $order, idempotencyKey: $key) { id status } }";

    private final Gateway gateway;
    private final String runId;

    OrdersGraphql(Gateway gateway, String runId) {
        this.gateway = gateway;
        this.runId = runId;
    }

    @Override
    public Target target() {
        return (sequence, due) -> gateway.graphql(body(OrderBodies.idempotencyKey(runId, sequence))).thenApply(answer -> {
            if (answer.statusCode() != 200) {
                return Outcome.failed("http " + answer.statusCode());
            }
            var json = Gateway.body(answer);
            if (json.path("errors").size() > 0) {
                return Outcome.failed("graphql " + json.path("errors").path(0).path("extensions").path("code").asText("error"));
            }
            return json.path("data").path("placeOrder").path("id").isTextual() ? Outcome.OK : Outcome.failed("no order in answer");
        });
    }

    static String body(String idempotencyKey) {
        return "{\"query\":\"" + MUTATION.replace("\"", "\\\"") + "\",\"variables\":{\"order\":" + OrderBodies.JSON
                + ",\"key\":\"" + idempotencyKey + "\"}}";
    }

    @Override
    public Map<String, String> settings() {
        return Map.of("request", "mutation placeOrder (GraphQL, gateway)");
    }
}
