package dev.dispatch.platform.grpc;

/** One bad field of a request, as a google.rpc.BadRequest field violation carries it. */
public record FieldViolation(String field, String description) {
}
