package dev.dispatch.notification.sse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Only a Last-Event-ID this service sent (a notification number) is resumed from; anything else starts live. */
class LastEventIdTest {

    @Test
    void aNotificationNumberIsResumedFrom() {
        assertThat(NotificationStreamResource.seq("42")).isEqualTo(42L);
        assertThat(NotificationStreamResource.seq(" 42 ")).isEqualTo(42L);
        assertThat(NotificationStreamResource.seq("0")).isEqualTo(0L);
    }

    @Test
    void anythingElseStartsTheStreamLive() {
        for (String id : new String[] { null, "", "  ", "abc", "-1", "4.2", "42abc", "99999999999999999999" }) {
            assertThat(NotificationStreamResource.seq(id)).as(String.valueOf(id)).isNull();
        }
    }
}
