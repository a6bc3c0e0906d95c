package dev.dispatch.payment.service;

public enum PaymentStatus {
    AUTHORIZED, DECLINED, PARTIALLY_REFUNDED, REFUNDED
}
