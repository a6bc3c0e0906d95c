package dev.dispatch.gateway.model;

import static dev.dispatch.gateway.model.Validators.errors;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.dispatch.platform.problem.FieldError;

/** The rules of a new order, the one set both APIs check (REST's body, GraphQL's PlaceOrderInput). */
class PlaceOrderRequestTest {

    private static final LineItem COOLER = new LineItem("VAX-COOLER-01", "Insulated vaccine cooler", 2, 1250L);
    private static final Address BERLIN = new Address("Invalidenstraße 116", "Berlin", "10115", "DE", 52.5321, 13.3849);

    @Test
    void aCompleteOrderIsValid() {
        assertThat(errors(new PlaceOrderRequest(List.of(COOLER), "EUR", BERLIN, "tok_approve", 8.0))).isEmpty();
        assertThat(errors(new PlaceOrderRequest(List.of(COOLER), "JPY", BERLIN, "tok_approve", null))).isEmpty();
    }

    @Test
    void everyBadFieldIsNamedByItsPath() {
        List<LineItem> items = new ArrayList<>(List.of(
                new LineItem("lower-case", "Cooler", 0, -1L), new LineItem("OK-SKU", "Cooler", 1000, 100L)));
        items.add(null);
        Address nowhere = new Address(" ", null, "!", "XX", 90.5, -181.0);

        List<FieldError> errors = errors(new PlaceOrderRequest(items, "XYZ", nowhere, "", 80.0));

        assertThat(errors).extracting(FieldError::field).containsExactly(
                "currency", "deliveryAddress.city", "deliveryAddress.country", "deliveryAddress.latitude",
                "deliveryAddress.longitude", "deliveryAddress.postalCode", "deliveryAddress.street", "items[0].quantity",
                "items[0].sku", "items[0].unitPriceMinor", "items[1].quantity", "items[2]", "maxCargoTemperatureC", "paymentToken");
        assertThat(errors).contains(
                new FieldError("items[1].quantity", "must be between 1 and 999"),
                new FieldError("items[2]", "is required"),
                new FieldError("deliveryAddress.country", "must be an ISO 3166-1 alpha-2 country code in upper case, e.g. DE"),
                new FieldError("currency", "must be an ISO 4217 currency code in upper case, e.g. EUR"),
                new FieldError("maxCargoTemperatureC", "must be between -50 and 50 degrees Celsius"));
        assertThat(InvalidFields.summary(errors)).isEqualTo("14 fields are not valid");
    }

    @Test
    void anOrderHoldsOneToAHundredLines() {
        assertThat(errors(new PlaceOrderRequest(List.of(), "EUR", BERLIN, "tok_approve", null)))
                .containsExactly(new FieldError("items", "must hold 1 to 100 items"));
        assertThat(errors(new PlaceOrderRequest(Collections.nCopies(101, COOLER), "EUR", BERLIN, "tok_approve", null)))
                .containsExactly(new FieldError("items", "must hold 1 to 100 items"));
        assertThat(errors(new PlaceOrderRequest(Collections.nCopies(100, COOLER), "EUR", BERLIN, "tok_approve", null))).isEmpty();
    }

    @Test
    void missingFieldsAreRequired() {
        assertThat(errors(new PlaceOrderRequest(null, null, null, null, null))).containsExactly(
                new FieldError("currency", "is required"), new FieldError("deliveryAddress", "is required"),
                new FieldError("items", "is required"), new FieldError("paymentToken", "is required"));
    }

    @Test
    void currenciesAndCountriesAreIsoCodesInUpperCase() {
        for (String currency : List.of("eur", "EURO", "ABC", "")) {
            assertThat(errors(new PlaceOrderRequest(List.of(COOLER), currency, BERLIN, "tok", null)))
                    .extracting(FieldError::field).containsExactly("currency");
        }
        for (String country : List.of("de", "DEU", "XX")) {
            Address address = new Address("Street 1", "Berlin", "10115", country, 52.5, 13.4);
            assertThat(errors(new PlaceOrderRequest(List.of(COOLER), "EUR", address, "tok", null)))
                    .extracting(FieldError::field).containsExactly("deliveryAddress.country");
        }
    }

    @Test
    void boundsAreInclusive() {
        LineItem largest = new LineItem("AB", "x".repeat(200), 999, 100_000_000L);
        Address corner = new Address("s".repeat(200), "c".repeat(100), "AB 12-CD 345", "NZ", -90.0, 180.0);
        assertThat(errors(new PlaceOrderRequest(List.of(largest), "EUR", corner, "t".repeat(128), -50.0))).isEmpty();

        LineItem tooLong = new LineItem("A".repeat(33), "x".repeat(201), 1, 0L);
        assertThat(errors(new PlaceOrderRequest(List.of(tooLong), "EUR", BERLIN, "t".repeat(129), 50.5)))
                .extracting(FieldError::field)
                .containsExactly("items[0].name", "items[0].sku", "maxCargoTemperatureC", "paymentToken");
    }
}
