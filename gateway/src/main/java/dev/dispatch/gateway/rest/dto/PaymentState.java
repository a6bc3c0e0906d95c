package dev.dispatch.gateway.rest.model;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Where the order's payment stands.")
public enum PaymentState {
    PENDING, AUTHORIZED, DECLINED, FAILED, REFUNDED
}
