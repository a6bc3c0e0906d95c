package dev.dispatch.payment.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.dispatch.proto.common.v1.Money;
import dev.dispatch.proto.payment.v1.AuthorizeRequest;
import dev.dispatch.proto.payment.v1.DeclineReason;
import dev.dispatch.proto.payment.v1.GetPaymentRequest;
import dev.dispatch.proto.payment.v1.ListPaymentsRequest;
import dev.dispatch.proto.payment.v1.Payment;
import dev.dispatch.proto.payment.v1.PaymentService;
import dev.dispatch.proto.payment.v1.PaymentStatus;
import dev.dispatch.proto.payment.v1.RefundRequest;
import dev.dispatch.proto.payment.v1.RefundResult;
import dev.dispatch.testsupport.internal.InternalCallers;
import dev.dispatch.testsupport.postgres.TestDatabase;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;

/** PaymentService over real gRPC against a real PostgreSQL database. */
@QuarkusTest
class PaymentGrpcServiceTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @GrpcClient("payments")
    PaymentService client;

    /** The client as order-service calls payment-service: as itself. */
    private PaymentService payments;

    @BeforeEach
    void callAsOrderService() {
        payments = InternalCallers.as(client, InternalCallers.service("order-service", "payment-service"));
    }

    @Test
    void approvesWithTheApproveToken() {
        Payment payment = authorize(newOrderId(), 2500, "tok_approve");

        assertThat(payment.getStatus()).isEqualTo(PaymentStatus.PAYMENT_STATUS_AUTHORIZED);
        assertThat(payment.getAmount().getAmountMinor()).isEqualTo(2500);
        assertThat(payment.getDeclineReason()).isEqualTo(DeclineReason.DECLINE_REASON_UNSPECIFIED);
    }

    @Test
    void declinesByToken() {
        assertThat(authorize(newOrderId(), 100, "tok_insufficient_funds").getDeclineReason())
                .isEqualTo(DeclineReason.DECLINE_REASON_INSUFFICIENT_FUNDS);
        assertThat(authorize(newOrderId(), 100, "tok_fraud").getDeclineReason())
                .isEqualTo(DeclineReason.DECLINE_REASON_FRAUD_SUSPECTED);
        Payment unknown = authorize(newOrderId(), 100, "tok_nonsense");
        assertThat(unknown.getStatus()).isEqualTo(PaymentStatus.PAYMENT_STATUS_DECLINED);
        assertThat(unknown.getDeclineReason()).isEqualTo(DeclineReason.DECLINE_REASON_INVALID_TOKEN);
    }

    @Test
    void declinesAboveTheAmountLimit() {
        Payment payment = authorize(newOrderId(), 1_000_001, "tok_approve");

        assertThat(payment.getStatus()).isEqualTo(PaymentStatus.PAYMENT_STATUS_DECLINED);
        assertThat(payment.getDeclineReason()).isEqualTo(DeclineReason.DECLINE_REASON_AMOUNT_LIMIT_EXCEEDED);
    }

    @Test
    void authorizingTwiceReturnsTheFirstPayment() {
        String orderId = newOrderId();
        Payment first = authorize(orderId, 700, "tok_approve");
        Payment second = authorize(orderId, 700, "tok_fraud");

        assertThat(second.getId()).isEqualTo(first.getId());
        assertThat(second.getStatus()).isEqualTo(PaymentStatus.PAYMENT_STATUS_AUTHORIZED);
        assertThat(paymentRows(orderId)).isEqualTo(1);
    }

    @Test
    void concurrentDuplicateAuthorizationsChargeOnce() {
        String orderId = newOrderId();
        List<Uni<Payment>> calls = IntStream.range(0, 12)
                .mapToObj(i -> payments.authorize(authorizeRequest(orderId, 990, "tok_approve")))
                .toList();

        List<Payment> results = Uni.join().all(calls).andFailFast().await().atMost(TIMEOUT);

        assertThat(results).extracting(Payment::getId).containsOnly(results.get(0).getId());
        assertThat(paymentRows(orderId)).isEqualTo(1);
    }

    @Test
    void theSameOrderWithAnotherAmountIsAlreadyExists() {
        String orderId = newOrderId();
        authorize(orderId, 700, "tok_approve");

        assertStatus(() -> authorize(orderId, 701, "tok_approve"), Status.Code.ALREADY_EXISTS);
    }

    @Test
    void badAuthorizationsAreInvalidArgument() {
        assertStatus(() -> authorize("", 100, "tok_approve"), Status.Code.INVALID_ARGUMENT);
        assertStatus(() -> authorize(newOrderId(), 0, "tok_approve"), Status.Code.INVALID_ARGUMENT);
        assertStatus(() -> authorize(newOrderId(), -5, "tok_approve"), Status.Code.INVALID_ARGUMENT);
        assertStatus(() -> authorize(newOrderId(), 100, ""), Status.Code.INVALID_ARGUMENT);
        assertStatus(() -> await(payments.authorize(AuthorizeRequest.newBuilder(authorizeRequest(newOrderId(), 100, "tok_approve"))
                .setAmount(Money.newBuilder().setAmountMinor(100).setCurrency("XYZ")).build())), Status.Code.INVALID_ARGUMENT);
        assertStatus(() -> await(payments.authorize(AuthorizeRequest.newBuilder(authorizeRequest(newOrderId(), 100, "tok_approve"))
                .setAmount(Money.newBuilder().setAmountMinor(100).setCurrency("eur")).build())), Status.Code.INVALID_ARGUMENT);
    }

    @Test
    void refundsInPartsUpToWhatWasCaptured() {
        String orderId = newOrderId();
        authorize(orderId, 1000, "tok_approve");

        RefundResult part = refund(orderId, "r1-" + orderId, 400);
        assertThat(part.getPayment().getStatus()).isEqualTo(PaymentStatus.PAYMENT_STATUS_PARTIALLY_REFUNDED);
        assertThat(part.getPayment().getRefunded().getAmountMinor()).isEqualTo(400);

        assertStatus(() -> refund(orderId, "r2-" + orderId, 601), Status.Code.FAILED_PRECONDITION);

        RefundResult rest = refund(orderId, "r3-" + orderId, 600);
        assertThat(rest.getPayment().getStatus()).isEqualTo(PaymentStatus.PAYMENT_STATUS_REFUNDED);
        assertThat(rest.getPayment().getRefunded().getAmountMinor()).isEqualTo(1000);
    }

    @Test
    void theSameRefundTwiceRefundsOnce() {
        String orderId = newOrderId();
        authorize(orderId, 1000, "tok_approve");
        String refundId = "refund-" + orderId;

        List<RefundResult> results = Uni.join().all(IntStream.range(0, 8)
                        .mapToObj(i -> payments.refund(refundRequest(orderId, refundId, 300)))
                        .toList())
                .andFailFast().await().atMost(TIMEOUT);

        assertThat(results).extracting(RefundResult::getRefundId).containsOnly(refundId);
        assertThat(getByOrder(orderId).getRefunded().getAmountMinor()).isEqualTo(300);
        assertThat(TestDatabase.column("select count(*) from refund where id = '" + refundId + "'")).containsExactly("1");
    }

    @Test
    void refundingADeclinedOrUnknownPaymentIsRefused() {
        String declined = newOrderId();
        authorize(declined, 1000, "tok_fraud");

        assertStatus(() -> refund(declined, "r-" + declined, 100), Status.Code.FAILED_PRECONDITION);
        assertStatus(() -> refund(newOrderId(), "r-unknown", 100), Status.Code.NOT_FOUND);
        assertStatus(() -> refund(declined, "r-zero", 0), Status.Code.INVALID_ARGUMENT);
    }

    @Test
    void findsPaymentsByOrderAndById() {
        String orderId = newOrderId();
        Payment payment = authorize(orderId, 1234, "tok_approve");

        assertThat(getByOrder(orderId).getId()).isEqualTo(payment.getId());
        assertThat(await(payments.getPayment(GetPaymentRequest.newBuilder().setPaymentId(payment.getId()).build())).getOrderId())
                .isEqualTo(orderId);
        assertThat(await(payments.listPayments(ListPaymentsRequest.newBuilder()
                .addOrderIds(orderId).addOrderIds(newOrderId()).build())).getPaymentsList())
                .extracting(Payment::getOrderId).containsExactly(orderId);

        assertStatus(() -> getByOrder(newOrderId()), Status.Code.NOT_FOUND);
        assertStatus(() -> await(payments.getPayment(GetPaymentRequest.newBuilder().setPaymentId("not-a-uuid").build())),
                Status.Code.INVALID_ARGUMENT);
        assertStatus(() -> await(payments.getPayment(GetPaymentRequest.getDefaultInstance())), Status.Code.INVALID_ARGUMENT);
    }

    private Payment authorize(String orderId, long amountMinor, String token) {
        return await(payments.authorize(authorizeRequest(orderId, amountMinor, token)));
    }

    private RefundResult refund(String orderId, String refundId, long amountMinor) {
        return await(payments.refund(refundRequest(orderId, refundId, amountMinor)));
    }

    private Payment getByOrder(String orderId) {
        return await(payments.getPayment(GetPaymentRequest.newBuilder().setOrderId(orderId).build()));
    }

    private static AuthorizeRequest authorizeRequest(String orderId, long amountMinor, String token) {
        return AuthorizeRequest.newBuilder()
                .setOrderId(orderId)
                .setCustomerId("customer-1")
                .setAmount(Money.newBuilder().setAmountMinor(amountMinor).setCurrency("EUR"))
                .setPaymentToken(token)
                .build();
    }

    private static RefundRequest refundRequest(String orderId, String refundId, long amountMinor) {
        return RefundRequest.newBuilder()
                .setOrderId(orderId)
                .setRefundId(refundId)
                .setAmount(Money.newBuilder().setAmountMinor(amountMinor).setCurrency("EUR"))
                .setReason("test")
                .build();
    }

    private static long paymentRows(String orderId) {
        return Long.parseLong(TestDatabase.column("select count(*) from payment where order_id = '" + orderId + "'").get(0));
    }

    private static String newOrderId() {
        return UUID.randomUUID().toString();
    }

    private static <T> T await(Uni<T> uni) {
        return uni.await().atMost(TIMEOUT);
    }

    private static void assertStatus(Runnable call, Status.Code code) {
        assertThatThrownBy(call::run)
                .isInstanceOf(StatusRuntimeException.class)
                .satisfies(e -> assertThat(((StatusRuntimeException) e).getStatus().getCode()).isEqualTo(code));
    }
}
