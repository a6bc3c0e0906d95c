package dev.dispatch.gateway.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** GraphQL's id and paging arguments, refused with REST's rules and words before any backend is asked. */
class IdsTest {

    @Test
    void anIdThatCannotNameAnythingIsNotFound() {
        assertThat(Ids.order("0b9a4f7e-3c2d-4e5f-8a9b-1c2d3e4f5a6b")).isEqualTo("0b9a4f7e-3c2d-4e5f-8a9b-1c2d3e4f5a6b");
        assertThat(Ids.device("courier-7")).isEqualTo("courier-7");
        assertRefused(() -> Ids.order("42"), ErrorCode.NOT_FOUND, "No such order, or not one of yours");
        assertRefused(() -> Ids.order(null), ErrorCode.NOT_FOUND, "No such order, or not one of yours");
        assertRefused(() -> Ids.device("courier/7"), ErrorCode.NOT_FOUND, "No such device");
        assertRefused(() -> Ids.device(""), ErrorCode.NOT_FOUND, "No such device");
    }

    @Test
    void firstIsOneToAHundred() {
        assertThat(Ids.first(1)).isEqualTo(1);
        assertThat(Ids.first(100)).isEqualTo(100);
        assertRefused(() -> Ids.first(0), ErrorCode.BAD_USER_INPUT, "1 field is not valid: first must be a whole number from 1 to 100");
        assertRefused(() -> Ids.first(101), ErrorCode.BAD_USER_INPUT, "1 field is not valid: first must be a whole number from 1 to 100");
    }

    @Test
    void noCursorIsTheFirstPageAndAnOverlongOneIsRefused() {
        assertThat(Ids.after(null)).isEmpty();
        assertThat(Ids.after("Y291cmllci03")).isEqualTo("Y291cmllci03");
        assertThat(Ids.after("c".repeat(512))).hasSize(512);
        assertRefused(() -> Ids.after("c".repeat(513)), ErrorCode.BAD_USER_INPUT, "1 field is not valid: after must be at most 512 characters");
    }

    private static void assertRefused(Runnable call, ErrorCode code, String message) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo(code))
                .hasMessage(message);
    }
}
