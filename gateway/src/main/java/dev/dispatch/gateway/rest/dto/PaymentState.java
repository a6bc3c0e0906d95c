package dev.dispatch.gateway.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Where the order's payment stands.")
public enum PaymentState {
    PENDING, AUTHORIZED, DECLINED, FAILED, REFUNDED
}
