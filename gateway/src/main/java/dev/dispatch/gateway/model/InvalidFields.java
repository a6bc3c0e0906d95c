package dev.dispatch.gateway.model;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;

import dev.dispatch.platform.problem.FieldError;

/**
 * Bean Validation's findings as the API's clients read them, the same over REST (a problem's {@code errors}) and
 * GraphQL (one BAD_USER_INPUT message): each field named by its path in the request, sorted, each rule once.
 */
public final class InvalidFields {

    private InvalidFields() {
    }

    public static List<FieldError> of(Collection<? extends ConstraintViolation<?>> violations) {
        return violations.stream()
                .map(v -> new FieldError(FieldPaths.of(v.getPropertyPath()), v.getMessage()))
                .distinct()
                .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
                .toList();
    }

    /** "1 field is not valid", "2 fields are not valid": fields, not rules, are counted. */
    public static String summary(List<FieldError> errors) {
        long fields = errors.stream().map(FieldError::field).distinct().count();
        return fields == 1 ? "1 field is not valid" : fields + " fields are not valid";
    }

    /** "2 fields are not valid: currency must be ...; items[0].quantity must be ...", for an API with only a message. */
    public static String describe(List<FieldError> errors) {
        return summary(errors) + ": " + errors.stream().map(f -> f.field() + " " + f.message()).collect(Collectors.joining("; "));
    }
}
