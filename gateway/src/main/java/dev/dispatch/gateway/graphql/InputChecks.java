package dev.dispatch.gateway.graphql;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import dev.dispatch.gateway.problem.FieldError;
import dev.dispatch.gateway.problem.FieldPaths;

/**
 * GraphQL input checked by the very constraints of the REST bodies (the REST records are built from it and validated),
 * so both APIs refuse the same input with the same words: one BAD_USER_INPUT error naming every offending field.
 */
@ApplicationScoped
public class InputChecks {

    private final Validator validator;

    InputChecks(Validator validator) {
        this.validator = validator;
    }

    public <T> T valid(T input) {
        Set<ConstraintViolation<T>> violations = validator.validate(input);
        if (!violations.isEmpty()) {
            List<FieldError> fields = violations.stream()
                    .map(v -> new FieldError(FieldPaths.of(v.getPropertyPath()), v.getMessage()))
                    .distinct()
                    .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
                    .toList();
            throw new ApiError(ErrorCode.BAD_USER_INPUT, describe(fields));
        }
        return input;
    }

    /** "2 fields are not valid: currency: must be ...; items[0].quantity: must be ..." */
    public static String describe(List<FieldError> fields) {
        long count = fields.stream().map(FieldError::field).distinct().count();
        return (count == 1 ? "1 field is not valid: " : count + " fields are not valid: ")
                + fields.stream().map(f -> f.field() + " " + f.message()).collect(Collectors.joining("; "));
    }
}
