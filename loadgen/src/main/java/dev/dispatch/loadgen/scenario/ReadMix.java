package dev.dispatch.loadgen.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.dispatch.loadgen.core.Target;

/**
 * Authenticated reads at the gateway: nine in ten GET one order (of {@code seedOrders} placed before the clock
 * starts), one in ten GET the newest page of the customer's orders.
 */
public final class ReadMix implements Scenario {

    private final Gateway gateway;
    private final String runId;
    private final int seedOrders;
    private final List<String> orderIds = new ArrayList<>();

    ReadMix(Gateway gateway, String runId, int seedOrders) {
        this.gateway = gateway;
        this.runId = runId;
        this.seedOrders = seedOrders;
    }

    @Override
    public void prepare() throws Exception {
        for (int i = 0; i < seedOrders; i++) {
            orderIds.add(gateway.placeNow(OrderBodies.idempotencyKey(runId, -1 - i)));
        }
    }

    @Override
    public Target target() {
        return (sequence, due) -> {
            String path = sequence % 10 == 9 ? "/api/orders?limit=20"
                    : "/api/orders/" + orderIds.get((int) (sequence % orderIds.size()));
            return gateway.get(path).thenApply(answer -> Gateway.expect(answer, 200));
        };
    }

    @Override
    public Map<String, String> settings() {
        return Map.of("request", "90% GET /api/orders/{id}, 10% GET /api/orders?limit=20 (REST, gateway)",
                "seedOrders", Integer.toString(seedOrders));
    }
}
