package dev.dispatch.order.model;

/** One bad field of a request, named by its path in the request message, e.g. {@code items[2].sku}. */
public record FieldViolation(String field, String description) {
}
