package dev.dispatch.gateway.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Offending fields named as the client wrote them, whoever found them (Bean Validation here, a backend's proto names). */
class FieldPathsTest {

    @Test
    void protoFieldsBecomeTheirRestNames() {
        assertThat(FieldPaths.ofProto("items[0].unit_price_minor")).isEqualTo("items[0].unitPriceMinor");
        assertThat(FieldPaths.ofProto("delivery_address.postal_code")).isEqualTo("deliveryAddress.postalCode");
        assertThat(FieldPaths.ofProto("currency")).isEqualTo("currency");
        assertThat(FieldPaths.ofProto("items")).isEqualTo("items");
    }

    @Test
    void requestFieldsOfAnotherNameAreRenamed() {
        assertThat(FieldPaths.ofProto("idempotency_key")).isEqualTo("Idempotency-Key");
        assertThat(FieldPaths.ofProto("order_id")).isEqualTo("id");
        assertThat(FieldPaths.ofProto("device_id")).isEqualTo("id");
        assertThat(FieldPaths.ofProto("page_size")).isEqualTo("limit");
        assertThat(FieldPaths.ofProto("page_token")).isEqualTo("cursor");
    }

    @Test
    void beanValidationPathsAreJsonPaths() {
        assertThat(Validators.errors(new DispatchOrderRequest("no/such/device")))
                .extracting(e -> e.field()).containsExactly("deviceId");
        assertThat(Validators.errors(new CancelOrderRequest("r".repeat(501))))
                .extracting(e -> e.field() + " " + e.message()).containsExactly("reason must be at most 500 characters");
    }
}
