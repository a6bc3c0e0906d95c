package dev.dispatch.gateway.model;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;

public class EnumNameValidator implements ConstraintValidator<EnumName, String> {

    private Set<String> names;
    private String listed;

    @Override
    public void initialize(EnumName annotation) {
        names = Arrays.stream(annotation.value().getEnumConstants()).map(Enum::name).collect(Collectors.toUnmodifiableSet());
        listed = Arrays.stream(annotation.value().getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null || names.contains(value)) {
            return true;
        }
        context.unwrap(HibernateConstraintValidatorContext.class).addMessageParameter("names", listed);
        return false;
    }
}
