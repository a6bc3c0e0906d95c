package dev.dispatch.order.payment;

import java.util.Locale;

import dev.dispatch.order.model.Order;
import dev.dispatch.order.model.PaymentState;
import dev.dispatch.order.model.PaymentStatus;
import dev.dispatch.proto.common.v1.Money;
import dev.dispatch.proto.payment.v1.AuthorizeRequest;
import dev.dispatch.proto.payment.v1.DeclineReason;
import dev.dispatch.proto.payment.v1.Payment;
import dev.dispatch.proto.payment.v1.RefundRequest;

/** Between orders and payment-service's messages. */
public final class PaymentMapper {

    private PaymentMapper() {
    }

    /** The order id is payment-service's idempotency key: one payment per order, ever. */
    public static AuthorizeRequest toAuthorizeRequest(Order order) {
        return AuthorizeRequest.newBuilder()
                .setOrderId(order.id().toString())
                .setCustomerId(order.customerId())
                .setAmount(money(order.totalMinor(), order.currency()))
                .setPaymentToken(order.paymentToken())
                .build();
    }

    /** An order is refunded at most once, in full: its refund id follows from its id, so repeats are the same refund. */
    public static RefundRequest toRefundRequest(Order order, long amountMinor, String reason) {
        return RefundRequest.newBuilder()
                .setOrderId(order.id().toString())
                .setRefundId("refund-" + order.id())
                .setAmount(money(amountMinor, order.currency()))
                .setReason(reason == null ? "" : reason)
                .build();
    }

    /** What payment-service's answer means for the order's payment. */
    public static PaymentState toState(Payment payment) {
        PaymentStatus status = switch (payment.getStatus()) {
            case PAYMENT_STATUS_AUTHORIZED, PAYMENT_STATUS_PARTIALLY_REFUNDED -> PaymentStatus.AUTHORIZED;
            case PAYMENT_STATUS_DECLINED -> PaymentStatus.DECLINED;
            case PAYMENT_STATUS_REFUNDED -> PaymentStatus.REFUNDED;
            default -> throw new IllegalStateException("payment-service answered with payment status " + payment.getStatus());
        };
        return new PaymentState(payment.getId(), status, status == PaymentStatus.DECLINED ? declineReason(payment.getDeclineReason()) : null);
    }

    public static long refundableMinor(Payment payment) {
        return payment.getAmount().getAmountMinor() - payment.getRefunded().getAmountMinor();
    }

    /** e.g. DECLINE_REASON_INSUFFICIENT_FUNDS becomes "insufficient_funds". */
    static String declineReason(DeclineReason reason) {
        return reason.name().replaceFirst("^DECLINE_REASON_", "").toLowerCase(Locale.ROOT);
    }

    private static Money money(long amountMinor, String currency) {
        return Money.newBuilder().setAmountMinor(amountMinor).setCurrency(currency).build();
    }
}
