package dev.dispatch.simulator.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.dispatch.simulator.contract.Command;
import dev.dispatch.simulator.contract.CommandAck;
import dev.dispatch.simulator.contract.ParsedCommand;
import dev.dispatch.simulator.support.MutableClock;

class CommandHandlerTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    private final SimulatedDevice device = new SimulatedDevice("courier-9", DeviceSettings.defaults(), clock, new Random(1), UUID::randomUUID);
    private final CommandHandler handler = new CommandHandler(device);

    @Test
    void pingIsDoneAndRepublishesTheStatus() {
        CommandOutcome outcome = handle("c-1", "ping", Map.of());

        assertThat(outcome.effect()).isEqualTo(CommandOutcome.Effect.REPUBLISH_STATUS);
        assertAck(outcome.ack(), "c-1", CommandAck.DONE, "online");
        assertThat(outcome.ack().deviceId()).isEqualTo("courier-9");
        assertThat(outcome.ack().deviceTime()).isEqualTo("2026-11-25T10:00:00Z");
    }

    @Test
    void setReportIntervalTakesWholeSecondsFrom1To3600() {
        CommandOutcome outcome = handle("c-1", "set-report-interval", Map.of("seconds", "30"));
        assertThat(outcome.effect()).isEqualTo(CommandOutcome.Effect.REPORT_INTERVAL_CHANGED);
        assertAck(outcome.ack(), "c-1", CommandAck.DONE, "report interval 30 s");
        assertThat(device.reportInterval()).isEqualTo(Duration.ofSeconds(30));

        assertThat(handle("c-2", "set-report-interval", Map.of("seconds", "3600")).ack().outcome()).isEqualTo(CommandAck.DONE);
        for (String bad : new String[] {"0", "3601", "-5", "1.5", "ten", ""}) {
            CommandOutcome rejected = handle("bad-" + bad, "set-report-interval", Map.of("seconds", bad));
            assertAck(rejected.ack(), "bad-" + bad, CommandAck.REJECTED,
                    "seconds must be a whole number from 1 to 3600, was '" + bad + "'");
            assertThat(rejected.effect()).isEqualTo(CommandOutcome.Effect.NONE);
        }
        assertAck(handle("c-3", "set-report-interval", Map.of()).ack(), "c-3", CommandAck.REJECTED,
                "seconds must be a whole number from 1 to 3600, was missing");
        assertThat(device.reportInterval()).isEqualTo(Duration.ofSeconds(3600));
    }

    @Test
    void aLockSentBeforeTheUnlockInForceIsAnsweredButNotApplied() {
        handler.handle(new ParsedCommand.Valid(new Command("c-2", "unlock-cargo", Map.of(), "2026-11-25T10:00:02Z")));
        // The lock sent a second earlier, handed over after it (redelivered after a reconnect).
        CommandOutcome late = handler.handle(new ParsedCommand.Valid(new Command("c-1", "lock-cargo", Map.of(), "2026-11-25T10:00:01Z")));

        assertAck(late.ack(), "c-1", CommandAck.DONE, "cargo stays unlocked: a later lock or unlock was applied");
        assertThat(device.cargoLocked()).isFalse();
        CommandOutcome newer = handler.handle(new ParsedCommand.Valid(new Command("c-3", "lock-cargo", Map.of(), "2026-11-25T10:00:03Z")));
        assertAck(newer.ack(), "c-3", CommandAck.DONE, "cargo locked");
        assertThat(device.cargoLocked()).isTrue();
        assertAck(handle("c-4", "unlock-cargo", Map.of()).ack(), "c-4", CommandAck.DONE, "cargo unlocked"); // no sentAt: applied
    }

    @Test
    void lockAndUnlockAreDoneAndSayWhetherAnythingChanged() {
        assertAck(handle("c-1", "lock-cargo", Map.of()).ack(), "c-1", CommandAck.DONE, "cargo locked");
        assertAck(handle("c-2", "lock-cargo", Map.of()).ack(), "c-2", CommandAck.DONE, "cargo already locked");
        assertThat(device.cargoLocked()).isTrue();
        assertAck(handle("c-3", "unlock-cargo", Map.of()).ack(), "c-3", CommandAck.DONE, "cargo unlocked");
        assertThat(device.cargoLocked()).isFalse();
    }

    @Test
    void assignOrderNeedsAnOrderAndAValidDestination() {
        CommandOutcome outcome = handle("c-1", "assign-order", Map.of("orderId", "o-1", "latitude", "52.5321", "longitude", "13.3849"));
        assertThat(outcome.effect()).isEqualTo(CommandOutcome.Effect.ORDER_ASSIGNED);
        assertThat(outcome.ack().detail()).matches("driving \\d+ m to 52\\.532100,13\\.384900");
        assertThat(device.assignment()).hasValueSatisfying(a -> assertThat(a.orderId()).isEqualTo("o-1"));

        assertAck(handle("c-2", "assign-order", Map.of("latitude", "52.5", "longitude", "13.4")).ack(), "c-2",
                CommandAck.REJECTED, "orderId must be a non-blank string of at most 200 characters");
        assertAck(handle("c-3", "assign-order", Map.of("orderId", "o-2", "latitude", "north", "longitude", "13.4")).ack(), "c-3",
                CommandAck.REJECTED, "latitude must be decimal degrees, was 'north'");
        assertAck(handle("c-4", "assign-order", Map.of("orderId", "o-2", "latitude", "52.5", "longitude", "200")).ack(), "c-4",
                CommandAck.REJECTED, "longitude must be from -180 to 180, was 200.0");
        assertAck(handle("c-5", "assign-order", Map.of("orderId", "o-2", "latitude", "52.5")).ack(), "c-5",
                CommandAck.REJECTED, "longitude is required");
        assertAck(handle("c-6", "assign-order", Map.of("orderId", "o-2", "latitude", "NaN", "longitude", "13")).ack(), "c-6",
                CommandAck.REJECTED, "latitude must be from -90 to 90, was NaN");
        // None of the rejected ones changed where it goes.
        assertThat(device.assignment().orElseThrow().orderId()).isEqualTo("o-1");
    }

    @Test
    void aRepeatedCommandIdGetsTheFirstAnswerAndDoesNotRunAgain() {
        CommandOutcome first = handle("c-1", "assign-order", Map.of("orderId", "o-1", "latitude", "52.53", "longitude", "13.41"));
        clock.advance(Duration.ofHours(1));
        device.advance();

        CommandOutcome again = handle("c-1", "assign-order", Map.of("orderId", "o-1", "latitude", "52.53", "longitude", "13.41"));

        assertThat(again.duplicate()).isTrue();
        assertThat(again.effect()).isEqualTo(CommandOutcome.Effect.NONE);
        assertThat(again.ack()).isEqualTo(first.ack());
        assertThat(device.assignment()).isEmpty();
        assertThat(device.hasDelivered("o-1")).isTrue();
    }

    @Test
    void unknownAndMalformedCommandsAreRejected() {
        assertAck(handle("c-1", "fly", Map.of()).ack(), "c-1", CommandAck.REJECTED, "unknown command type 'fly'");

        CommandOutcome malformed = handler.handle(new ParsedCommand.Malformed(null, "not JSON"));
        assertAck(malformed.ack(), null, CommandAck.REJECTED, "malformed command: not JSON");
        assertThat(malformed.type()).isNull();
    }

    private CommandOutcome handle(String id, String type, Map<String, String> arguments) {
        return handler.handle(new ParsedCommand.Valid(new Command(id, type, arguments, null)));
    }

    private static void assertAck(CommandAck ack, String commandId, String outcome, String detail) {
        assertThat(ack.commandId()).isEqualTo(commandId);
        assertThat(ack.outcome()).isEqualTo(outcome);
        assertThat(ack.detail()).isEqualTo(detail);
        assertThat(UUID.fromString(ack.eventId())).isNotNull();
        assertThat(ack.type()).isEqualTo("command-ack");
    }
}
