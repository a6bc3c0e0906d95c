package dev.dispatch.payment.service;

import java.time.OffsetDateTime;
import java.util.UUID;

public record Refund(String id, UUID paymentId, long amountMinor, String reason, OffsetDateTime createdAt) {
}
