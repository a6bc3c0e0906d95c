package dev.dispatch.gateway.support;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import dev.dispatch.proto.order.v1.Order;
import dev.dispatch.proto.order.v1.PaymentOutcomeStatus;
import dev.dispatch.proto.payment.v1.DeclineReason;
import dev.dispatch.proto.payment.v1.GetPaymentRequest;
import dev.dispatch.proto.payment.v1.ListPaymentsRequest;
import dev.dispatch.proto.payment.v1.ListPaymentsResponse;
import dev.dispatch.proto.payment.v1.Payment;
import dev.dispatch.proto.payment.v1.PaymentService;
import dev.dispatch.proto.payment.v1.PaymentStatus;
import dev.dispatch.proto.payment.v1.AuthorizeRequest;
import dev.dispatch.proto.payment.v1.RefundRequest;
import dev.dispatch.proto.payment.v1.RefundResult;
import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;

/**
 * The read side of payment-service, as the gateway uses it: the payments of the orders {@link FakeOrderService} placed
 * (there, order-service asked payment-service to authorize them). Asked about an order of the customer
 * {@link #UNAVAILABLE_CUSTOMER}, it is UNAVAILABLE, so tests choose the failure by whose orders they list. Counts
 * calls per method ({@code get}, {@code list}).
 */
@GrpcService
public class FakePaymentService implements PaymentService {

    public static final String UNAVAILABLE_CUSTOMER = "payments-down";

    @Inject
    @GrpcService
    FakeOrderService orders;

    private final CallCounter calls = new CallCounter();

    public int calls(String method) {
        return calls.calls(method);
    }

    @Override
    public Uni<ListPaymentsResponse> listPayments(ListPaymentsRequest request) {
        calls.count("list", String.join(",", request.getOrderIdsList()));
        if (request.getOrderIdsCount() > 100) {
            return Uni.createFrom().failure(Status.INVALID_ARGUMENT.withDescription("order_ids: at most 100").asRuntimeException());
        }
        List<Payment> payments = new ArrayList<>();
        for (String id : request.getOrderIdsList()) {
            Order order = orders.stored(id);
            if (order != null && order.getCustomerId().equals(UNAVAILABLE_CUSTOMER)) {
                return Uni.createFrom().failure(Status.UNAVAILABLE.withDescription("payments store unavailable").asRuntimeException());
            }
            if (order != null && !order.getPayment().getPaymentId().isEmpty()) {
                payments.add(paymentOf(order));
            }
        }
        return Uni.createFrom().item(ListPaymentsResponse.newBuilder().addAllPayments(payments).build());
    }

    @Override
    public Uni<Payment> getPayment(GetPaymentRequest request) {
        calls.count("get", request.getOrderId());
        Order order = orders.stored(request.getOrderId());
        if (order == null || order.getPayment().getPaymentId().isEmpty()) {
            return Uni.createFrom().failure(Status.NOT_FOUND.withDescription("no payment").asRuntimeException());
        }
        return Uni.createFrom().item(paymentOf(order));
    }

    @Override
    public Uni<Payment> authorize(AuthorizeRequest request) {
        return Uni.createFrom().failure(Status.UNIMPLEMENTED.withDescription("the gateway never authorizes").asRuntimeException());
    }

    @Override
    public Uni<RefundResult> refund(RefundRequest request) {
        return Uni.createFrom().failure(Status.UNIMPLEMENTED.withDescription("the gateway never refunds").asRuntimeException());
    }

    private static Payment paymentOf(Order order) {
        PaymentOutcomeStatus outcome = order.getPayment().getStatus();
        Payment.Builder payment = Payment.newBuilder()
                .setId(order.getPayment().getPaymentId())
                .setOrderId(order.getId())
                .setCustomerId(order.getCustomerId())
                .setAmount(order.getTotal())
                .setCreatedAt(order.getCreatedAt())
                .setUpdatedAt(order.getUpdatedAt());
        switch (outcome) {
            case PAYMENT_OUTCOME_STATUS_DECLINED -> payment.setStatus(PaymentStatus.PAYMENT_STATUS_DECLINED)
                    .setDeclineReason(DeclineReason.DECLINE_REASON_INSUFFICIENT_FUNDS);
            case PAYMENT_OUTCOME_STATUS_REFUNDED -> payment.setStatus(PaymentStatus.PAYMENT_STATUS_REFUNDED).setRefunded(order.getTotal());
            default -> payment.setStatus(PaymentStatus.PAYMENT_STATUS_AUTHORIZED);
        }
        return payment.build();
    }
}
