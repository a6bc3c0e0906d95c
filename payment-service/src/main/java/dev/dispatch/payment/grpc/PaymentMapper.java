package dev.dispatch.payment.grpc;

import java.time.OffsetDateTime;

import com.google.protobuf.Timestamp;

import dev.dispatch.payment.model.AuthorizationRequest;
import dev.dispatch.payment.model.Payment;
import dev.dispatch.payment.model.RefundOutcome;
import dev.dispatch.payment.model.RefundRequest;
import dev.dispatch.proto.common.v1.Money;
import dev.dispatch.proto.payment.v1.AuthorizeRequest;
import dev.dispatch.proto.payment.v1.DeclineReason;
import dev.dispatch.proto.payment.v1.PaymentStatus;
import dev.dispatch.proto.payment.v1.RefundResult;

/** Between the gRPC messages and the payment rules' records. */
final class PaymentMapper {

    private PaymentMapper() {
    }

    static AuthorizationRequest toDomain(AuthorizeRequest r) {
        return new AuthorizationRequest(r.getOrderId(), r.getCustomerId(), r.getAmount().getAmountMinor(),
                r.getAmount().getCurrency(), r.getPaymentToken());
    }

    static RefundRequest toDomain(dev.dispatch.proto.payment.v1.RefundRequest r) {
        return new RefundRequest(r.getOrderId(), r.getRefundId(), r.getAmount().getAmountMinor(),
                r.getAmount().getCurrency(), r.getReason());
    }

    static dev.dispatch.proto.payment.v1.Payment toProto(Payment p) {
        return dev.dispatch.proto.payment.v1.Payment.newBuilder()
                .setId(p.id().toString())
                .setOrderId(p.orderId())
                .setCustomerId(p.customerId())
                .setStatus(PaymentStatus.valueOf("PAYMENT_STATUS_" + p.status().name()))
                .setAmount(money(p.amountMinor(), p.currency()))
                .setRefunded(money(p.refundedMinor(), p.currency()))
                .setDeclineReason(p.declineReason() == null
                        ? DeclineReason.DECLINE_REASON_UNSPECIFIED
                        : DeclineReason.valueOf("DECLINE_REASON_" + p.declineReason().name()))
                .setCreatedAt(timestamp(p.createdAt()))
                .setUpdatedAt(timestamp(p.updatedAt()))
                .build();
    }

    static RefundResult toProto(RefundOutcome outcome) {
        return RefundResult.newBuilder()
                .setRefundId(outcome.refund().id())
                .setPayment(toProto(outcome.payment()))
                .setRefundedAt(timestamp(outcome.refund().createdAt()))
                .build();
    }

    private static Money money(long amountMinor, String currency) {
        return Money.newBuilder().setAmountMinor(amountMinor).setCurrency(currency).build();
    }

    private static Timestamp timestamp(OffsetDateTime time) {
        return Timestamp.newBuilder().setSeconds(time.toEpochSecond()).setNanos(time.getNano()).build();
    }
}
