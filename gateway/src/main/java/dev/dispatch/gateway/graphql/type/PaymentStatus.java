package dev.dispatch.gateway.graphql.type;

import org.eclipse.microprofile.graphql.Description;

@Description("A payment as payment-service keeps it.")
public enum PaymentStatus {
    AUTHORIZED, DECLINED, PARTIALLY_REFUNDED, REFUNDED
}
