package dev.dispatch.gateway.graphql.type;

import java.time.Instant;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("Payment")
@Description("The order's payment, from payment-service: more than the order's own summary (amounts, refunds, times).")
public record Payment(
        @Id @NonNull String id,
        @NonNull PaymentStatus status,
        @NonNull Amount amount,
        @Description("What was refunded so far, when anything was.") Amount refunded,
        @Description("Why it was declined: INSUFFICIENT_FUNDS, FRAUD_SUSPECTED, AMOUNT_LIMIT_EXCEEDED, INVALID_TOKEN.") String declineReason,
        Instant createdAt,
        Instant updatedAt) {
}
