package dev.dispatch.order.payment;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import dev.dispatch.order.config.OrderConfig;
import dev.dispatch.platform.grpc.BearerToken;
import dev.dispatch.platform.identity.InternalTokens;
import dev.dispatch.proto.payment.v1.AuthorizeRequest;
import dev.dispatch.proto.payment.v1.GetPaymentRequest;
import dev.dispatch.proto.payment.v1.MutinyPaymentServiceGrpc.MutinyPaymentServiceStub;
import dev.dispatch.proto.payment.v1.Payment;
import dev.dispatch.proto.payment.v1.RefundRequest;
import dev.dispatch.proto.payment.v1.RefundResult;
import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * order-service's calls to payment-service. Every call gets a deadline of its own, set when it is
 * made (a deadline fixed on the stub would be long past for later calls). All three calls are safe
 * to repeat, so transient failures are retried: Authorize is idempotent by order id, Refund by
 * refund id, GetPayment only reads. A circuit breaker per call stops hammering a payment-service
 * that is down; while it is open calls fail at once with {@link CircuitBreakerOpenException}.
 * <p>
 * Failures come out as {@link PaymentUnavailable} (try again later) or {@link PaymentRefused}
 * (asking again will not help). The annotations' values can be overridden in configuration, e.g.
 * {@code quarkus.fault-tolerance."dev.dispatch.order.payment.PaymentClient/authorize".circuit-breaker.delay}.
 */
@ApplicationScoped
public class PaymentClient {

    /**
     * "Not now". A refused token is here too: it means the two services' keys disagree (a deployment fault that gets
     * fixed), never that the customer's payment is declined, so the order waits for payment instead of failing.
     */
    private static final Set<Status.Code> TRANSIENT = EnumSet.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED,
            Status.Code.RESOURCE_EXHAUSTED, Status.Code.ABORTED, Status.Code.INTERNAL, Status.Code.UNKNOWN, Status.Code.CANCELLED,
            Status.Code.UNAUTHENTICATED, Status.Code.PERMISSION_DENIED);
    /** The audience of the tokens: payment-service's name. */
    private static final String PAYMENT_SERVICE = "payment-service";

    @Inject
    @GrpcClient("payments")
    MutinyPaymentServiceStub stub;

    @Inject
    OrderConfig config;

    @Inject
    InternalTokens tokens;

    @Retry(maxRetries = 1, delay = 200, jitter = 100, retryOn = PaymentUnavailable.class)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 10_000, successThreshold = 1, failOn = PaymentUnavailable.class)
    @CircuitBreakerName("payment-authorize")
    public Uni<Payment> authorize(AuthorizeRequest request) {
        return withDeadline().authorize(request).onFailure().transform(PaymentClient::classify);
    }

    @Retry(maxRetries = 1, delay = 200, jitter = 100, retryOn = PaymentUnavailable.class)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 10_000, successThreshold = 1, failOn = PaymentUnavailable.class)
    @CircuitBreakerName("payment-refund")
    public Uni<RefundResult> refund(RefundRequest request) {
        return withDeadline().refund(request).onFailure().transform(PaymentClient::classify);
    }

    @Retry(maxRetries = 1, delay = 200, jitter = 100, retryOn = PaymentUnavailable.class)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 10_000, successThreshold = 1, failOn = PaymentUnavailable.class)
    @CircuitBreakerName("payment-lookup")
    public Uni<Payment> paymentOfOrder(String orderId) {
        return withDeadline().getPayment(GetPaymentRequest.newBuilder().setOrderId(orderId).build())
                .onFailure().transform(PaymentClient::classify);
    }

    /** Whether a failure of these calls means "not now" rather than "no". */
    public static boolean isUnavailable(Throwable failure) {
        return failure instanceof PaymentUnavailable || failure instanceof CircuitBreakerOpenException;
    }

    /**
     * Also as order-service itself: payment-service authorizes and refunds only for it, whichever user placed the
     * order (the payment request names the customer), and retries act for no user at all.
     */
    private MutinyPaymentServiceStub withDeadline() {
        return stub.withDeadlineAfter(config.payment().deadline().toMillis(), TimeUnit.MILLISECONDS)
                .withCallCredentials(new BearerToken(tokens.asService(PAYMENT_SERVICE)));
    }

    private static Throwable classify(Throwable failure) {
        Status status = Status.fromThrowable(failure);
        String message = "payment-service: " + status.getCode() + (status.getDescription() == null ? "" : " " + status.getDescription());
        return TRANSIENT.contains(status.getCode())
                ? new PaymentUnavailable(message, failure)
                : new PaymentRefused(status.getCode(), message);
    }
}
