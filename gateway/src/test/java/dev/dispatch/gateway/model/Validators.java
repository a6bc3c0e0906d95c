package dev.dispatch.gateway.model;

import java.util.List;

import jakarta.validation.Validation;
import jakarta.validation.Validator;

import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

import dev.dispatch.platform.problem.FieldError;

/** A plain Bean Validation validator, without Quarkus: the model's rules are checked as both APIs check them. */
final class Validators {

    private static final Validator VALIDATOR = Validation.byProvider(HibernateValidator.class).configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory()
            .getValidator();

    private Validators() {
    }

    /** What a client is told, as {@link InvalidFields} lists it. */
    static List<FieldError> errors(Object request) {
        return InvalidFields.of(VALIDATOR.validate(request));
    }
}
