package dev.dispatch.payment.model;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A stored refund, keyed by the caller's refund id. */
public record Refund(String id, UUID paymentId, long amountMinor, String reason, OffsetDateTime createdAt) {
}
