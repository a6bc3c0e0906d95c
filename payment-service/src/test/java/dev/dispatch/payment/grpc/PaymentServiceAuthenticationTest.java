package dev.dispatch.payment.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.dispatch.proto.common.v1.Money;
import dev.dispatch.proto.payment.v1.AuthorizeRequest;
import dev.dispatch.proto.payment.v1.GetPaymentRequest;
import dev.dispatch.proto.payment.v1.ListPaymentsRequest;
import dev.dispatch.proto.payment.v1.Payment;
import dev.dispatch.proto.payment.v1.PaymentService;
import dev.dispatch.proto.payment.v1.PaymentServiceGrpc;
import dev.dispatch.proto.payment.v1.PaymentStatus;
import dev.dispatch.proto.payment.v1.RefundRequest;
import dev.dispatch.testsupport.internal.BadToken;
import dev.dispatch.testsupport.internal.GrpcAuthChecks;
import dev.dispatch.testsupport.internal.InternalCallers;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;

/**
 * Who may call PaymentService (payment.proto): no method runs without a valid internal token; only order-service,
 * as itself, moves money; order-service and operators read every payment, a customer only their own, nobody else any.
 */
@QuarkusTest
class PaymentServiceAuthenticationTest {

    private static final String AUDIENCE = "payment-service";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TestHTTPResource("/")
    URL app;

    @GrpcClient("payments")
    PaymentService client;

    @ParameterizedTest
    @EnumSource(BadToken.class)
    void everyMethodRefusesACallerWithoutAValidToken(BadToken credential) {
        assertThat(GrpcAuthChecks.callEveryMethod(app, PaymentServiceGrpc.getServiceDescriptor(), credential.headers(AUDIENCE)))
                .isEqualTo(everyMethod(Status.Code.UNAUTHENTICATED));
    }

    @Test
    void orderServicePassesEveryMethodsCheck() {
        // Empty requests: what answers is the validation behind the check, not the check.
        assertThat(answersTo(InternalCallers.service("order-service", AUDIENCE))).isEqualTo(Map.of(
                "Authorize", Status.Code.INVALID_ARGUMENT,
                "Refund", Status.Code.INVALID_ARGUMENT,
                "GetPayment", Status.Code.INVALID_ARGUMENT,
                "ListPayments", Status.Code.OK));
    }

    @Test
    void customersAndOperatorsReadButMoveNoMoney() {
        Map<String, Status.Code> readOnly = Map.of(
                "Authorize", Status.Code.PERMISSION_DENIED,
                "Refund", Status.Code.PERMISSION_DENIED,
                "GetPayment", Status.Code.INVALID_ARGUMENT,
                "ListPayments", Status.Code.OK);

        assertThat(answersTo(InternalCallers.customer("customer-1", AUDIENCE))).isEqualTo(readOnly);
        assertThat(answersTo(InternalCallers.operator("operator-1", AUDIENCE))).isEqualTo(readOnly);
    }

    @Test
    void couriersAndOtherServicesMayCallNothing() {
        assertThat(answersTo(InternalCallers.courier("courier-1", AUDIENCE))).isEqualTo(everyMethod(Status.Code.PERMISSION_DENIED));
        assertThat(answersTo(InternalCallers.service("gateway", AUDIENCE))).isEqualTo(everyMethod(Status.Code.PERMISSION_DENIED));
    }

    @Test
    void nobodyButOrderServiceAuthorizesOrRefundsARealPayment() {
        String orderId = newOrderId();
        Payment payment = await(orderService().authorize(authorizeRequest(orderId, "customer-" + orderId)));

        for (String token : List.of(InternalCallers.customer(payment.getCustomerId(), AUDIENCE),
                InternalCallers.operator("operator-1", AUDIENCE), InternalCallers.service("gateway", AUDIENCE))) {
            PaymentService caller = InternalCallers.as(client, token);
            assertStatus(() -> await(caller.authorize(authorizeRequest(newOrderId(), payment.getCustomerId()))),
                    Status.Code.PERMISSION_DENIED, "only order-service authorizes and refunds payments");
            assertStatus(() -> await(caller.refund(refundRequest(orderId))),
                    Status.Code.PERMISSION_DENIED, "only order-service authorizes and refunds payments");
        }

        Payment unchanged = await(orderService().getPayment(GetPaymentRequest.newBuilder().setOrderId(orderId).build()));
        assertThat(unchanged.getStatus()).isEqualTo(PaymentStatus.PAYMENT_STATUS_AUTHORIZED);
        assertThat(unchanged.getRefunded().getAmountMinor()).isZero();
        assertThat(await(orderService().refund(refundRequest(orderId))).getPayment().getStatus())
                .isEqualTo(PaymentStatus.PAYMENT_STATUS_PARTIALLY_REFUNDED);
    }

    @Test
    void aCustomerSeesOnlyTheirOwnPayments() {
        String alice = "alice-" + UUID.randomUUID();
        String alicesOrder = newOrderId();
        String bobsOrder = newOrderId();
        Payment alicesPayment = await(orderService().authorize(authorizeRequest(alicesOrder, alice)));
        Payment bobsPayment = await(orderService().authorize(authorizeRequest(bobsOrder, "bob-" + UUID.randomUUID())));
        PaymentService asAlice = InternalCallers.as(client, InternalCallers.customer(alice, AUDIENCE));

        assertThat(await(asAlice.getPayment(byOrder(alicesOrder))).getId()).isEqualTo(alicesPayment.getId());
        assertThat(await(asAlice.getPayment(byId(alicesPayment.getId()))).getOrderId()).isEqualTo(alicesOrder);
        assertThat(await(asAlice.listPayments(list(alicesOrder, bobsOrder))).getPaymentsList())
                .extracting(Payment::getOrderId).containsExactly(alicesOrder);

        // Another customer's payment reads exactly like one that does not exist.
        String unknownOrder = newOrderId();
        assertStatus(() -> await(asAlice.getPayment(byOrder(unknownOrder))), Status.Code.NOT_FOUND, "no payment for order " + unknownOrder);
        assertStatus(() -> await(asAlice.getPayment(byOrder(bobsOrder))), Status.Code.NOT_FOUND, "no payment for order " + bobsOrder);
        assertStatus(() -> await(asAlice.getPayment(byId(bobsPayment.getId()))), Status.Code.NOT_FOUND, "no payment " + bobsPayment.getId());
        assertThat(await(asAlice.listPayments(list(bobsOrder))).getPaymentsList()).isEmpty();
    }

    @Test
    void orderServiceAndOperatorsSeeEveryPayment() {
        String firstOrder = newOrderId();
        String secondOrder = newOrderId();
        Payment first = await(orderService().authorize(authorizeRequest(firstOrder, "alice-" + UUID.randomUUID())));
        await(orderService().authorize(authorizeRequest(secondOrder, "bob-" + UUID.randomUUID())));

        for (PaymentService reader : List.of(orderService(), InternalCallers.as(client, InternalCallers.operator("operator-1", AUDIENCE)))) {
            assertThat(await(reader.getPayment(byOrder(firstOrder))).getId()).isEqualTo(first.getId());
            assertThat(await(reader.getPayment(byId(first.getId()))).getOrderId()).isEqualTo(firstOrder);
            assertThat(await(reader.listPayments(list(firstOrder, secondOrder))).getPaymentsList())
                    .extracting(Payment::getOrderId).containsExactlyInAnyOrder(firstOrder, secondOrder);
        }
    }

    @Test
    void couriersAndOtherServicesReadNoRealPayment() {
        String orderId = newOrderId();
        await(orderService().authorize(authorizeRequest(orderId, "customer-" + orderId)));

        for (String token : List.of(InternalCallers.courier("courier-1", AUDIENCE), InternalCallers.service("gateway", AUDIENCE))) {
            PaymentService caller = InternalCallers.as(client, token);
            assertStatus(() -> await(caller.getPayment(byOrder(orderId))), Status.Code.PERMISSION_DENIED,
                    "payments are read by order-service, operators and the paying customer only");
            assertStatus(() -> await(caller.listPayments(list(orderId))), Status.Code.PERMISSION_DENIED,
                    "payments are read by order-service, operators and the paying customer only");
        }
    }

    private Map<String, Status.Code> answersTo(String token) {
        return GrpcAuthChecks.callEveryMethod(app, PaymentServiceGrpc.getServiceDescriptor(), InternalCallers.headers(token));
    }

    private PaymentService orderService() {
        return InternalCallers.as(client, InternalCallers.service("order-service", AUDIENCE));
    }

    /** Every method of the service, so that a method added later is covered without touching this test. */
    private static Map<String, Status.Code> everyMethod(Status.Code code) {
        return GrpcAuthChecks.everyMethod(PaymentServiceGrpc.getServiceDescriptor(), code);
    }

    private static AuthorizeRequest authorizeRequest(String orderId, String customerId) {
        return AuthorizeRequest.newBuilder()
                .setOrderId(orderId)
                .setCustomerId(customerId)
                .setAmount(Money.newBuilder().setAmountMinor(1000).setCurrency("EUR"))
                .setPaymentToken("tok_approve")
                .build();
    }

    private static RefundRequest refundRequest(String orderId) {
        return RefundRequest.newBuilder()
                .setOrderId(orderId)
                .setRefundId("refund-" + orderId)
                .setAmount(Money.newBuilder().setAmountMinor(100).setCurrency("EUR"))
                .setReason("test")
                .build();
    }

    private static GetPaymentRequest byOrder(String orderId) {
        return GetPaymentRequest.newBuilder().setOrderId(orderId).build();
    }

    private static GetPaymentRequest byId(String paymentId) {
        return GetPaymentRequest.newBuilder().setPaymentId(paymentId).build();
    }

    private static ListPaymentsRequest list(String... orderIds) {
        return ListPaymentsRequest.newBuilder().addAllOrderIds(List.of(orderIds)).build();
    }

    private static String newOrderId() {
        return UUID.randomUUID().toString();
    }

    private static <T> T await(Uni<T> uni) {
        return uni.await().atMost(TIMEOUT);
    }

    private static void assertStatus(Runnable call, Status.Code code, String description) {
        assertThatThrownBy(call::run)
                .isInstanceOf(StatusRuntimeException.class)
                .satisfies(e -> {
                    Status status = ((StatusRuntimeException) e).getStatus();
                    assertThat(status.getCode()).isEqualTo(code);
                    assertThat(status.getDescription()).isEqualTo(description);
                });
    }
}
