package dev.dispatch.payment.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.dispatch.payment.model.AuthorizationRequest;
import dev.dispatch.payment.model.DeclineReason;
import dev.dispatch.payment.model.Payment;
import dev.dispatch.payment.model.PaymentStatus;
import dev.dispatch.payment.model.Refund;
import dev.dispatch.payment.model.RefundOutcome;
import dev.dispatch.payment.model.RefundRequest;
import dev.dispatch.proto.common.v1.Money;
import dev.dispatch.proto.payment.v1.AuthorizeRequest;
import dev.dispatch.proto.payment.v1.RefundResult;

class PaymentMapperTest {

    private static final OffsetDateTime CREATED = OffsetDateTime.of(2026, 11, 25, 10, 15, 30, 123_456_000, ZoneOffset.UTC);
    private static final OffsetDateTime UPDATED = CREATED.plusSeconds(5);

    @Test
    void requestsBecomeTheModelsRecords() {
        assertThat(PaymentMapper.toDomain(AuthorizeRequest.newBuilder().setOrderId("o-1").setCustomerId("c-1")
                        .setAmount(Money.newBuilder().setAmountMinor(2500).setCurrency("EUR")).setPaymentToken("tok_approve").build()))
                .isEqualTo(new AuthorizationRequest("o-1", "c-1", 2500, "EUR", "tok_approve"));
        assertThat(PaymentMapper.toDomain(dev.dispatch.proto.payment.v1.RefundRequest.newBuilder().setOrderId("o-1")
                        .setRefundId("r-1").setAmount(Money.newBuilder().setAmountMinor(400).setCurrency("EUR")).setReason("late").build()))
                .isEqualTo(new RefundRequest("o-1", "r-1", 400, "EUR", "late"));
    }

    @Test
    void unsetFieldsArriveEmptySoThatTheRulesRejectThem() {
        assertThat(PaymentMapper.toDomain(AuthorizeRequest.getDefaultInstance()))
                .isEqualTo(new AuthorizationRequest("", "", 0, "", ""));
    }

    @Test
    void everyStatusAndDeclineReasonHasItsProtoValue() {
        for (PaymentStatus status : PaymentStatus.values()) {
            assertThat(PaymentMapper.toProto(payment(status, null)).getStatus().name()).isEqualTo("PAYMENT_STATUS_" + status.name());
        }
        for (DeclineReason reason : DeclineReason.values()) {
            assertThat(PaymentMapper.toProto(payment(PaymentStatus.DECLINED, reason)).getDeclineReason().name())
                    .isEqualTo("DECLINE_REASON_" + reason.name());
        }
        assertThat(PaymentMapper.toProto(payment(PaymentStatus.AUTHORIZED, null)).getDeclineReason())
                .isEqualTo(dev.dispatch.proto.payment.v1.DeclineReason.DECLINE_REASON_UNSPECIFIED);
    }

    @Test
    void aPaymentKeepsItsAmountsAndTimes() {
        Payment payment = payment(PaymentStatus.PARTIALLY_REFUNDED, null);

        dev.dispatch.proto.payment.v1.Payment proto = PaymentMapper.toProto(payment);

        assertThat(proto.getId()).isEqualTo(payment.id().toString());
        assertThat(proto.getOrderId()).isEqualTo("o-1");
        assertThat(proto.getCustomerId()).isEqualTo("c-1");
        assertThat(proto.getAmount()).isEqualTo(Money.newBuilder().setAmountMinor(1000).setCurrency("EUR").build());
        assertThat(proto.getRefunded()).isEqualTo(Money.newBuilder().setAmountMinor(400).setCurrency("EUR").build());
        assertThat(proto.getCreatedAt().getSeconds()).isEqualTo(CREATED.toEpochSecond());
        assertThat(proto.getCreatedAt().getNanos()).isEqualTo(123_456_000);
        assertThat(proto.getUpdatedAt().getSeconds()).isEqualTo(UPDATED.toEpochSecond());
    }

    @Test
    void aRefundResultCarriesTheRefundAndThePaymentAfterIt() {
        Payment payment = payment(PaymentStatus.PARTIALLY_REFUNDED, null);
        Refund refund = new Refund("r-1", payment.id(), 400, "late", UPDATED);

        RefundResult result = PaymentMapper.toProto(new RefundOutcome(refund, payment));

        assertThat(result.getRefundId()).isEqualTo("r-1");
        assertThat(result.getPayment()).isEqualTo(PaymentMapper.toProto(payment));
        assertThat(result.getRefundedAt().getSeconds()).isEqualTo(UPDATED.toEpochSecond());
    }

    private static Payment payment(PaymentStatus status, DeclineReason reason) {
        return new Payment(UUID.randomUUID(), "o-1", "c-1", status, 1000, 400, "EUR", reason, CREATED, UPDATED);
    }
}
