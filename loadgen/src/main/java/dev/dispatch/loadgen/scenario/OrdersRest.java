package dev.dispatch.loadgen.scenario;

import java.util.Map;

import dev.dispatch.loadgen.core.Outcome;
import dev.dispatch.loadgen.core.Target;

/** POST /api/orders at the gateway: 201 is a success, anything else a failure by status code. */
public final class OrdersRest implements Scenario {

    private final Gateway gateway;
    private final String runId;

    OrdersRest(Gateway gateway, String runId) {
        this.gateway = gateway;
        this.runId = runId;
    }

    @Override
    public Target target() {
        return (sequence, due) -> gateway.placeOrder(OrderBodies.idempotencyKey(runId, sequence))
                .thenApply(OrdersRest::paid);
    }

    /** 201 with the order PAID (AWAITING_PAYMENT would mean payment-service could not keep up). */
    static Outcome paid(java.net.http.HttpResponse<String> answer) {
        if (answer.statusCode() != 201) {
            return Outcome.failed("http " + answer.statusCode());
        }
        String status = Gateway.body(answer).path("status").asText();
        return status.equals("PAID") ? Outcome.OK : Outcome.failed("order " + status);
    }

    @Override
    public Map<String, String> settings() {
        return Map.of("request", "POST /api/orders (REST, gateway)", "success", "201, order PAID");
    }
}
