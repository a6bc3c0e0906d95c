package dev.dispatch.notification.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class CallTextsTest {

    static final Party ALICE = new Party("alice", PartyRole.CUSTOMER);
    static final Party COURIER = new Party("courier-1", PartyRole.COURIER);
    static final Party OPERATOR = new Party("olga", PartyRole.OPERATOR);
    static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");

    @Test
    void anAnsweredCallSaysWithWhomAndHowLong() {
        Call call = ended(ALICE, COURIER, Media.VIDEO, Duration.ofSeconds(133), EndReason.HANGUP);
        assertThat(CallTexts.describe(call)).isEqualTo("Video call with the courier, 2 min 13 s (order 3f2a9c1e).");
        assertThat(CallTexts.forRoom(call)).isEqualTo("Video call from the customer to the courier: 2 min 13 s.");
    }

    @Test
    void anUnansweredCallIsMissedForTheCustomerOrNotAnsweredByTheCourier() {
        assertThat(CallTexts.describe(ended(COURIER, ALICE, Media.AUDIO, null, EndReason.TIMEOUT)))
                .isEqualTo("Missed audio call from the courier (order 3f2a9c1e).");
        assertThat(CallTexts.describe(ended(ALICE, COURIER, Media.VIDEO, null, EndReason.TIMEOUT)))
                .isEqualTo("Video call to the courier: not answered (order 3f2a9c1e).");
        assertThat(CallTexts.describe(ended(ALICE, COURIER, Media.VIDEO, null, EndReason.BUSY)))
                .isEqualTo("Video call to the courier: busy (order 3f2a9c1e).");
        assertThat(CallTexts.forRoom(ended(COURIER, ALICE, Media.AUDIO, null, EndReason.BUSY)))
                .isEqualTo("Audio call from the courier to the customer: busy.");
    }

    @Test
    void aCallWithoutTheCustomerNamesBothSides() {
        assertThat(CallTexts.describe(ended(OPERATOR, COURIER, Media.AUDIO, Duration.ofSeconds(45), EndReason.HANGUP)))
                .isEqualTo("Audio call between operator olga and courier courier-1, 45 s (order 3f2a9c1e).");
        assertThat(CallTexts.describe(ended(OPERATOR, ALICE, Media.AUDIO, null, EndReason.TIMEOUT)))
                .isEqualTo("Missed audio call from an operator (order 3f2a9c1e).");
    }

    @Test
    void durations() {
        assertThat(CallTexts.duration(Duration.ZERO)).isEqualTo("0 s");
        assertThat(CallTexts.duration(Duration.ofSeconds(59))).isEqualTo("59 s");
        assertThat(CallTexts.duration(Duration.ofSeconds(60))).isEqualTo("1 min 0 s");
        assertThat(CallTexts.duration(Duration.ofSeconds(3725))).isEqualTo("1 h 2 min");
    }

    static Call ended(Party caller, Party callee, Media media, Duration talked, EndReason reason) {
        Instant answered = talked == null ? null : T0.plusSeconds(5);
        Instant ended = talked == null ? T0.plusSeconds(30) : answered.plus(talked);
        return new Call(UUID.randomUUID(), "3f2a9c1e-0000-4000-8000-000000000000", caller, "c1", callee, talked == null ? null : "c2",
                media, CallState.ENDED, T0, answered, ended, reason);
    }
}
