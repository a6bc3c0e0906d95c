package dev.dispatch.gateway.graphql;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import dev.dispatch.gateway.model.InvalidFields;
import dev.dispatch.platform.problem.FieldError;

/**
 * GraphQL input checked by the very rules REST's bodies are checked by: the model's requests (built from the
 * arguments) and their constraints, so both APIs refuse the same input with the same words: one BAD_USER_INPUT
 * error naming every offending field.
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
            throw new ApiError(ErrorCode.BAD_USER_INPUT, InvalidFields.describe(InvalidFields.of(violations)));
        }
        return input;
    }

    /**
     * As {@link #valid(Object)}, for an input passed as the argument {@code argument}: a rule of the input as a whole
     * (no field of its own) is named by the argument, as REST names a rule of its whole body {@code body}.
     */
    public <T> T valid(T input, String argument) {
        Set<ConstraintViolation<T>> violations = validator.validate(input);
        if (!violations.isEmpty()) {
            List<FieldError> fields = InvalidFields.of(violations).stream()
                    .map(f -> f.field().isEmpty() ? new FieldError(argument, f.message()) : f)
                    .toList();
            throw new ApiError(ErrorCode.BAD_USER_INPUT, InvalidFields.describe(fields));
        }
        return input;
    }

    /** One argument that breaks its rule, e.g. {@code first} with {@link dev.dispatch.gateway.model.PageLimits#PAGE_RULE}. */
    public static ApiError invalid(String argument, String rule) {
        return new ApiError(ErrorCode.BAD_USER_INPUT, describe(List.of(new FieldError(argument, rule))));
    }

    /** "2 fields are not valid: currency must be ...; items[0].quantity must be ..." */
    public static String describe(List<FieldError> fields) {
        return InvalidFields.describe(fields);
    }
}
