package dev.dispatch.gateway.backend;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;

import dev.dispatch.gateway.config.GatewayConfig;
import dev.dispatch.platform.grpc.BearerToken;
import dev.dispatch.platform.identity.CallerIdentity;
import dev.dispatch.platform.identity.InternalTokens;
import dev.dispatch.proto.payment.v1.ListPaymentsRequest;
import dev.dispatch.proto.payment.v1.ListPaymentsResponse;
import dev.dispatch.proto.payment.v1.MutinyPaymentServiceGrpc.MutinyPaymentServiceStub;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.faulttolerance.api.RetryWhen;
import io.smallrye.mutiny.Uni;

/**
 * The gateway reads payments straight from payment-service, only for GraphQL's {@code Order.payment}: the order's own
 * PaymentOutcome is a summary, and one ListPayments call serves a whole page of orders. Read only, so retried while
 * payment-service is unavailable, like every read.
 */
@ApplicationScoped
public class PaymentBackend {

    /** The service called: the audience of the tokens. */
    private static final String AUDIENCE = "payment-service";

    @GrpcClient("payments")
    MutinyPaymentServiceStub payments;

    private final GatewayConfig config;
    private final InternalTokens tokens;

    PaymentBackend(GatewayConfig config, InternalTokens tokens) {
        this.config = config;
        this.tokens = tokens;
    }

    @Retry(maxRetries = 2, delay = 100, jitter = 50)
    @RetryWhen(exception = WasUnavailable.class)
    public Uni<ListPaymentsResponse> list(CallerIdentity caller, ListPaymentsRequest request) {
        return Uni.createFrom()
                .deferred(() -> as(caller).withDeadlineAfter(config.paymentDeadline().toMillis(), TimeUnit.MILLISECONDS).listPayments(request))
                .onFailure().transform(e -> BackendException.tag(Backend.PAYMENTS, e));
    }

    /** The stub, sending the internal token that says who the gateway calls for (README "Security model"). */
    private MutinyPaymentServiceStub as(CallerIdentity caller) {
        return payments.withCallCredentials(new BearerToken(tokens.forUser(caller, AUDIENCE)));
    }
}
