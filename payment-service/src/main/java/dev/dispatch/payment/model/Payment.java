package dev.dispatch.payment.model;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A stored payment: at most one per order. */
public record Payment(
        UUID id,
        String orderId,
        String customerId,
        PaymentStatus status,
        long amountMinor,
        long refundedMinor,
        String currency,
        DeclineReason declineReason,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    public long refundableMinor() {
        return amountMinor - refundedMinor;
    }

    public boolean captured() {
        return status != PaymentStatus.DECLINED;
    }
}
