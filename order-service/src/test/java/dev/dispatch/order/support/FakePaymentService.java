package dev.dispatch.order.support;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.google.protobuf.Timestamp;

import dev.dispatch.proto.common.v1.Money;
import dev.dispatch.proto.payment.v1.AuthorizeRequest;
import dev.dispatch.proto.payment.v1.DeclineReason;
import dev.dispatch.proto.payment.v1.GetPaymentRequest;
import dev.dispatch.proto.payment.v1.ListPaymentsRequest;
import dev.dispatch.proto.payment.v1.ListPaymentsResponse;
import dev.dispatch.proto.payment.v1.Payment;
import dev.dispatch.proto.payment.v1.PaymentService;
import dev.dispatch.proto.payment.v1.PaymentStatus;
import dev.dispatch.proto.payment.v1.RefundRequest;
import dev.dispatch.proto.payment.v1.RefundResult;
import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;

/**
 * A real PaymentService, served over gRPC by the test app itself, whose health the test controls:
 * up (at once, or after a latency), down (UNAVAILABLE), refusing (FAILED_PRECONDITION) or slow (answers after the
 * caller's deadline, but records the payment, as a real service whose answer was lost would). It counts authorizations
 * of one order that overlap in time, which order-service must never make. Decides by token like
 * payment-service: tok_approve approves, tok_insufficient_funds and tok_fraud decline, anything else is
 * an invalid token.
 * The real payment-service is exercised by the system test.
 */
@GrpcService
public class FakePaymentService implements PaymentService {

    public enum Mode { UP, DOWN, SLOW, REFUSING }

    private final Map<String, Payment> payments = new ConcurrentHashMap<>();
    private final Map<String, RefundResult> refunds = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> authorizeCalls = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> authorizationsInFlight = new ConcurrentHashMap<>();
    private final AtomicInteger overlappingAuthorizations = new AtomicInteger();
    private volatile Mode mode = Mode.UP;
    private volatile Duration slowness = Duration.ofSeconds(2);
    private volatile Duration latency = Duration.ZERO;

    public void up() {
        up(Duration.ZERO);
    }

    /** Up, each answer taking {@code latency} (well within the caller's deadline), as a real service's work does. */
    public void up(Duration latency) {
        this.latency = latency;
        mode = Mode.UP;
    }

    public void down() {
        mode = Mode.DOWN;
    }

    /** Answers every call with FAILED_PRECONDITION: a "no" that asking again will not change. */
    public void refuse() {
        mode = Mode.REFUSING;
    }

    public void slow(Duration answerAfter) {
        slowness = answerAfter;
        mode = Mode.SLOW;
    }

    /** Authorize calls that reached this service, for any order. */
    public int authorizeCalls() {
        return authorizeCalls.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    public int authorizeCalls(String orderId) {
        AtomicInteger count = authorizeCalls.get(orderId);
        return count == null ? 0 : count.get();
    }

    /** Authorize calls that arrived while another one for the same order was still unanswered. */
    public int overlappingAuthorizations() {
        return overlappingAuthorizations.get();
    }

    public Payment payment(String orderId) {
        return payments.get(orderId);
    }

    public RefundResult refund(String refundId) {
        return refunds.get(refundId);
    }

    public List<RefundResult> refundsOf(String orderId) {
        return refunds.values().stream().filter(r -> r.getPayment().getOrderId().equals(orderId)).toList();
    }

    @Override
    public Uni<Payment> authorize(AuthorizeRequest request) {
        authorizeCalls.computeIfAbsent(request.getOrderId(), id -> new AtomicInteger()).incrementAndGet();
        AtomicInteger inFlight = authorizationsInFlight.computeIfAbsent(request.getOrderId(), id -> new AtomicInteger());
        if (inFlight.incrementAndGet() > 1) {
            overlappingAuthorizations.incrementAndGet();
        }
        return answer(() -> payments.computeIfAbsent(request.getOrderId(), id -> decide(request)))
                .onTermination().invoke(inFlight::decrementAndGet);
    }

    @Override
    public Uni<RefundResult> refund(RefundRequest request) {
        return answer(() -> {
            Payment payment = payments.get(request.getOrderId());
            if (payment == null) {
                throw Status.NOT_FOUND.withDescription("no payment for order " + request.getOrderId()).asRuntimeException();
            }
            if (payment.getStatus() == PaymentStatus.PAYMENT_STATUS_DECLINED) {
                throw Status.FAILED_PRECONDITION.withDescription("declined; nothing to refund").asRuntimeException();
            }
            return refunds.computeIfAbsent(request.getRefundId(), id -> {
                long refunded = payment.getRefunded().getAmountMinor() + request.getAmount().getAmountMinor();
                Payment updated = Payment.newBuilder(payment)
                        .setRefunded(money(refunded, payment.getAmount().getCurrency()))
                        .setStatus(refunded == payment.getAmount().getAmountMinor()
                                ? PaymentStatus.PAYMENT_STATUS_REFUNDED : PaymentStatus.PAYMENT_STATUS_PARTIALLY_REFUNDED)
                        .build();
                payments.put(payment.getOrderId(), updated);
                return RefundResult.newBuilder().setRefundId(id).setPayment(updated).setRefundedAt(now()).build();
            });
        });
    }

    @Override
    public Uni<Payment> getPayment(GetPaymentRequest request) {
        return answer(() -> {
            Payment payment = payments.get(request.getOrderId());
            if (payment == null) {
                throw Status.NOT_FOUND.withDescription("no payment for order " + request.getOrderId()).asRuntimeException();
            }
            return payment;
        });
    }

    @Override
    public Uni<ListPaymentsResponse> listPayments(ListPaymentsRequest request) {
        return answer(() -> ListPaymentsResponse.newBuilder()
                .addAllPayments(request.getOrderIdsList().stream().map(payments::get).filter(p -> p != null).toList())
                .build());
    }

    private <T> Uni<T> answer(Supplier<T> work) {
        return switch (mode) {
            case DOWN -> Uni.createFrom().failure(Status.UNAVAILABLE.withDescription("payment-service is down (test)").asRuntimeException());
            case REFUSING -> Uni.createFrom().failure(Status.FAILED_PRECONDITION.withDescription("payment-service refuses (test)").asRuntimeException());
            // The work is done at once; only the answer comes too late.
            case SLOW -> Uni.createFrom().item(work).onItem().delayIt().by(slowness);
            case UP -> latency.isZero() ? Uni.createFrom().item(work) : Uni.createFrom().item(work).onItem().delayIt().by(latency);
        };
    }

    private static Payment decide(AuthorizeRequest request) {
        DeclineReason decline = switch (request.getPaymentToken()) {
            case "tok_approve" -> DeclineReason.DECLINE_REASON_UNSPECIFIED;
            case "tok_insufficient_funds" -> DeclineReason.DECLINE_REASON_INSUFFICIENT_FUNDS;
            case "tok_fraud" -> DeclineReason.DECLINE_REASON_FRAUD_SUSPECTED;
            default -> DeclineReason.DECLINE_REASON_INVALID_TOKEN;
        };
        boolean approved = decline == DeclineReason.DECLINE_REASON_UNSPECIFIED;
        return Payment.newBuilder()
                .setId(UUID.randomUUID().toString())
                .setOrderId(request.getOrderId())
                .setCustomerId(request.getCustomerId())
                .setStatus(approved ? PaymentStatus.PAYMENT_STATUS_AUTHORIZED : PaymentStatus.PAYMENT_STATUS_DECLINED)
                .setAmount(request.getAmount())
                .setRefunded(money(0, request.getAmount().getCurrency()))
                .setDeclineReason(decline)
                .setCreatedAt(now())
                .setUpdatedAt(now())
                .build();
    }

    private static Money money(long amountMinor, String currency) {
        return Money.newBuilder().setAmountMinor(amountMinor).setCurrency(currency).build();
    }

    private static Timestamp now() {
        Instant now = Instant.now();
        return Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()).build();
    }
}
