package dev.dispatch.gateway.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.dispatch.platform.problem.FieldError;

class InvalidFieldsTest {

    @Test
    void fieldsAreCountedNotRules() {
        List<FieldError> errors = List.of(new FieldError("items[0].sku", "must be 2 to 32 ..."), new FieldError("items[0].sku", "is odd"));
        assertThat(InvalidFields.summary(errors)).isEqualTo("1 field is not valid");
        assertThat(InvalidFields.summary(List.of(new FieldError("a", "x"), new FieldError("b", "y")))).isEqualTo("2 fields are not valid");
    }

    @Test
    void aMessageNamesEveryFieldWithItsRule() {
        assertThat(InvalidFields.describe(List.of(
                new FieldError("currency", "must be an ISO 4217 currency code in upper case, e.g. EUR"),
                new FieldError("items[0].quantity", "must be between 1 and 999"))))
                .isEqualTo("2 fields are not valid: currency must be an ISO 4217 currency code in upper case, e.g. EUR; "
                        + "items[0].quantity must be between 1 and 999");
    }

    @Test
    void violationsAreSortedByFieldThenMessage() {
        assertThat(Validators.errors(new LineItem("x", " ", 0, -1L))).containsExactly(
                new FieldError("name", "is required"),
                new FieldError("quantity", "must be between 1 and 999"),
                new FieldError("sku", "must be 2 to 32 upper-case letters, digits or '-', starting with a letter or digit"),
                new FieldError("unitPriceMinor", "must be between 0 and 100000000 minor units"));
    }
}
