package dev.dispatch.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.grpc.Status;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;

/** The resume rules of gRPC server streams, on plain Multis: what reopens, what ends, and how failures are counted. */
class ResumedTest {

    private static final Duration PATIENCE = Duration.ofSeconds(5);
    private static final Resumed QUICK = new Resumed(3, Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(30));

    private static Multi<String> unavailable() {
        return Multi.createFrom().failure(Status.UNAVAILABLE.withDescription("Network closed for unknown reason").asRuntimeException());
    }

    /** A stream whose n-th open (from 1) is {@code opens.apply(n)}, counting the opens. */
    private static Multi<String> opened(AtomicInteger count, Resumed resumed, Function<Integer, Multi<String>> opens) {
        return resumed.stream(() -> opens.apply(count.incrementAndGet()));
    }

    @Test
    void aStreamCutAfterItemsIsOpenedAgainAndEndsWhenItCompletes() {
        AtomicInteger opens = new AtomicInteger();
        Multi<String> stream = opened(opens, QUICK, n -> n < 3
                ? Multi.createBy().concatenating().streams(Multi.createFrom().items("now " + n), unavailable())
                : Multi.createFrom().items("now 3", "final"));

        AssertSubscriber<String> subscriber = stream.subscribe().withSubscriber(AssertSubscriber.create(10));

        subscriber.awaitCompletion(PATIENCE).assertItems("now 1", "now 2", "now 3", "final");
        assertThat(opens).hasValue(3);
    }

    @Test
    void opensThatKeepFailingGiveUpWithTheFailure() {
        AtomicInteger opens = new AtomicInteger();
        AssertSubscriber<String> subscriber = opened(opens, QUICK, n -> unavailable())
                .subscribe().withSubscriber(AssertSubscriber.create(10));

        subscriber.awaitFailure(PATIENCE);
        assertThat(Status.fromThrowable(subscriber.getFailure()).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(opens).hasValue(3);
    }

    @Test
    void anItemStartsTheCountAgain() {
        // Failed, delivered then cut, failed, failed, then fine: never three failed opens in a row.
        AtomicInteger opens = new AtomicInteger();
        Multi<String> stream = opened(opens, QUICK, n -> switch (n) {
            case 2 -> Multi.createBy().concatenating().streams(Multi.createFrom().item("now"), unavailable());
            case 5 -> Multi.createFrom().item("final");
            default -> unavailable();
        });

        AssertSubscriber<String> subscriber = stream.subscribe().withSubscriber(AssertSubscriber.create(10));

        subscriber.awaitCompletion(PATIENCE).assertItems("now", "final");
        assertThat(opens).hasValue(5);
    }

    @Test
    void aStreamOpenForLongWithoutItemsCountsAsWorking() {
        // A quiet WatchTelemetry cut after the connection's age: not a failed open, however often it happens.
        Resumed settlesSoon = new Resumed(2, Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofMillis(30));
        AtomicInteger opens = new AtomicInteger();
        Multi<String> stream = opened(opens, settlesSoon, n -> n < 5
                ? Multi.createFrom().<String>nothing().ifNoItem().after(Duration.ofMillis(60))
                        .failWith(() -> Status.UNAVAILABLE.withDescription("Network closed for unknown reason").asRuntimeException())
                : Multi.createFrom().item("reading"));

        AssertSubscriber<String> subscriber = stream.subscribe().withSubscriber(AssertSubscriber.create(10));

        subscriber.awaitCompletion(PATIENCE).assertItems("reading");
        assertThat(opens).hasValue(5);
    }

    @Test
    void otherFailuresEndTheStreamAtOnce() {
        for (Status status : List.of(Status.NOT_FOUND, Status.PERMISSION_DENIED, Status.INVALID_ARGUMENT, Status.DEADLINE_EXCEEDED)) {
            AtomicInteger opens = new AtomicInteger();
            AssertSubscriber<String> subscriber = opened(opens, QUICK,
                    n -> Multi.createBy().concatenating().streams(Multi.createFrom().item("now"),
                            Multi.createFrom().failure(status.asRuntimeException())))
                    .subscribe().withSubscriber(AssertSubscriber.create(10));

            subscriber.awaitFailure(PATIENCE).assertItems("now");
            assertThat(Status.fromThrowable(subscriber.getFailure()).getCode()).isEqualTo(status.getCode());
            assertThat(opens).hasValue(1);
        }
    }

    @Test
    void theWaitDoublesUpToItsLimit() {
        assertThat(List.of(0, 1, 2, 3, 4, 5, 40).stream().map(Resumed.STREAMS::delay).map(Duration::toMillis).toList())
                .containsExactly(200L, 400L, 800L, 1600L, 3200L, 5000L, 5000L);
        assertThatThrownBy(() -> new Resumed(0, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofMillis(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
