package dev.dispatch.order.model;

import java.util.List;
import java.util.stream.Collectors;

/** A request the order rules refuse; the gRPC layer turns the kind into a status code. */
public class OrderRejected extends RuntimeException {

    public enum Kind { INVALID, UNAUTHENTICATED, PERMISSION_DENIED, NOT_FOUND, CONFLICT, PRECONDITION, UNAVAILABLE }

    private final Kind kind;
    private final List<FieldViolation> violations;

    public OrderRejected(Kind kind, String message) {
        this(kind, message, List.of());
    }

    private OrderRejected(Kind kind, String message, List<FieldViolation> violations) {
        super(message, null, false, false);
        this.kind = kind;
        this.violations = List.copyOf(violations);
    }

    public static OrderRejected invalid(List<FieldViolation> violations) {
        String message = violations.stream().map(v -> v.field() + ": " + v.description()).collect(Collectors.joining("; "));
        return new OrderRejected(Kind.INVALID, message, violations);
    }

    public static OrderRejected invalid(String field, String description) {
        return invalid(List.of(new FieldViolation(field, description)));
    }

    public static OrderRejected notFound(String orderId) {
        return new OrderRejected(Kind.NOT_FOUND, "order " + orderId + " not found");
    }

    public Kind kind() {
        return kind;
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
