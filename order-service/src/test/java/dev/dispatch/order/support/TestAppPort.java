package dev.dispatch.order.support;

import java.util.List;

import dev.dispatch.testsupport.FreeAppPort;

/**
 * A free port for the test app, chosen before it starts, so that its own gRPC clients can point at it: {@code orders}
 * reaches the OrderService under test. The {@code payments} client finds {@link FakePaymentService} through Stork,
 * whose instance list names this port (application.properties, {@code %test.dispatch.grpc.payment-service}).
 */
public class TestAppPort extends FreeAppPort {

    @Override
    protected List<String> grpcClients() {
        return List.of("orders");
    }
}
