package dev.dispatch.order.support;

import java.util.List;

import dev.dispatch.testsupport.FreeAppPort;

/**
 * A free port for the test app, chosen before it starts, so that its own gRPC clients can point at it:
 * {@code payments} reaches {@link FakePaymentService}, {@code orders} the OrderService under test.
 */
public class TestAppPort extends FreeAppPort {

    @Override
    protected List<String> grpcClients() {
        return List.of("payments", "orders");
    }
}
