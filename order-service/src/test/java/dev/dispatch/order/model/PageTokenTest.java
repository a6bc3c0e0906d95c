package dev.dispatch.order.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The ListOrders cursor: what it encodes comes back exactly (to the microsecond), and nothing else is accepted. */
class PageTokenTest {

    @Test
    void roundTripsToTheMicrosecondInUtc() {
        UUID id = UUID.randomUUID();
        PageToken token = new PageToken(OffsetDateTime.parse("2026-03-01T10:15:30.123456+02:00"), id);

        PageToken decoded = PageToken.decode(token.encode());

        assertThat(decoded.id()).isEqualTo(id);
        assertThat(decoded.createdAt()).isEqualTo(OffsetDateTime.parse("2026-03-01T08:15:30.123456Z"));
    }

    @Test
    void nanosecondsBeyondWhatPostgresKeepsAreDropped() {
        PageToken token = new PageToken(OffsetDateTime.parse("2026-03-01T10:15:30.123456789Z"), UUID.randomUUID());

        assertThat(PageToken.decode(token.encode()).createdAt()).isEqualTo(OffsetDateTime.parse("2026-03-01T10:15:30.123456Z"));
    }

    @Test
    void theCursorIsTheLastOrderOfThePage() {
        Order last = OrderStateMachineTest.order(OrderStatus.PAID);

        PageToken token = PageToken.after(last);

        assertThat(token.id()).isEqualTo(last.id());
        assertThat(token.createdAt()).isEqualTo(last.createdAt());
    }

    @Test
    void isUrlSafeAndOpaque() {
        String encoded = new PageToken(OffsetDateTime.parse("1969-12-31T23:59:59.999999Z"), UUID.randomUUID()).encode();

        assertThat(encoded).matches("[A-Za-z0-9_-]+");
        assertThat(PageToken.decode(encoded).createdAt()).isEqualTo(OffsetDateTime.parse("1969-12-31T23:59:59.999999Z"));
    }

    @Test
    void anEmptyTokenIsTheFirstPage() {
        assertThat(PageToken.decode(null)).isNull();
        assertThat(PageToken.decode("")).isNull();
    }

    @Test
    void aTokenThisServiceDidNotMakeIsInvalid() {
        String uuid = UUID.randomUUID().toString();
        for (String bad : new String[] {"not base64!", base64("o2:1:" + uuid), base64("o1:soon:" + uuid), base64("o1:1:order-7"),
                base64("o1:1"), base64("o1:1:" + uuid + ":extra"), base64(":::")}) {
            assertThatThrownBy(() -> PageToken.decode(bad)).as(bad).isInstanceOfSatisfying(OrderRejected.class, e -> {
                assertThat(e.kind()).isEqualTo(OrderRejected.Kind.INVALID);
                assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("page_token");
            });
        }
    }

    private static String base64(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }
}
