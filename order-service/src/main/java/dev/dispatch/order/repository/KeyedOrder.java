package dev.dispatch.order.repository;

import java.util.UUID;

/** The order an idempotency key already names, and the hash of the request that created it. */
public record KeyedOrder(UUID id, String requestHash) {
}
