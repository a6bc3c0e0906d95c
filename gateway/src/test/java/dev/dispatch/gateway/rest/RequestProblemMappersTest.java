package dev.dispatch.gateway.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonMappingException.Reference;

class RequestProblemMappersTest {

    @Test
    void aValueOfTheWrongTypeIsNamedByItsPathInTheBody() {
        assertThat(RequestProblemMappers.jsonPath(List.of(new Reference(null, "items"), new Reference(null, 0), new Reference(null, "quantity"))))
                .isEqualTo("items[0].quantity");
        assertThat(RequestProblemMappers.jsonPath(List.of(new Reference(null, "currency")))).isEqualTo("currency");
        assertThat(RequestProblemMappers.jsonPath(List.of())).isEmpty();
    }
}
