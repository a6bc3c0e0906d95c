package dev.dispatch.simulator.device;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.dispatch.simulator.contract.Command;
import dev.dispatch.simulator.contract.CommandAck;
import dev.dispatch.simulator.contract.ParsedCommand;
import dev.dispatch.simulator.geo.GeoPoint;

/**
 * Runs commands against a {@link SimulatedDevice} and answers every one of them, malformed or
 * unknown ones with {@code rejected}. A command id seen before gets its first answer again
 * (commands are at-least-once), so a redelivered {@code assign-order} never drives twice. A lock or unlock sent
 * before the one in force is answered but not applied.
 */
public final class CommandHandler {

    private static final int REMEMBERED_COMMANDS = 256;
    private static final int MAX_ORDER_ID_LENGTH = 200;

    private final SimulatedDevice device;
    /** When the lock or unlock now in force was sent (null: none with a readable sentAt yet). */
    private Instant lockSentAt;
    private final Map<String, CommandOutcome> answered = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CommandOutcome> eldest) {
            return size() > REMEMBERED_COMMANDS;
        }
    };

    public CommandHandler(SimulatedDevice device) {
        this.device = device;
    }

    public CommandOutcome handle(ParsedCommand parsed) {
        if (parsed instanceof ParsedCommand.Malformed malformed) {
            return new CommandOutcome(null, device.ack(malformed.commandId(), false,
                    "malformed command: " + malformed.reason()), CommandOutcome.Effect.NONE, false, null);
        }
        Command command = ((ParsedCommand.Valid) parsed).command();
        CommandOutcome earlier = answered.get(command.commandId());
        if (earlier != null) {
            return new CommandOutcome(earlier.type(), earlier.ack(), CommandOutcome.Effect.NONE, true, null);
        }
        CommandOutcome outcome = run(command);
        answered.put(command.commandId(), outcome);
        return outcome;
    }

    private CommandOutcome run(Command command) {
        String id = command.commandId();
        return switch (command.type()) {
            case Command.PING -> outcome(command, device.ack(id, true, "online"), CommandOutcome.Effect.REPUBLISH_STATUS);
            case Command.SET_REPORT_INTERVAL -> setReportInterval(command);
            case Command.LOCK_CARGO -> lock(command, true);
            case Command.UNLOCK_CARGO -> lock(command, false);
            case Command.ASSIGN_ORDER -> assignOrder(command);
            default -> rejected(command, "unknown command type '" + command.type() + "'");
        };
    }

    private CommandOutcome setReportInterval(Command command) {
        String seconds = command.argument("seconds");
        int value;
        try {
            value = Integer.parseInt(seconds == null ? "" : seconds.trim());
        } catch (NumberFormatException e) {
            value = 0;
        }
        if (value < 1 || value > 3600) {
            return rejected(command, "seconds must be a whole number from 1 to 3600, was "
                    + (seconds == null ? "missing" : "'" + seconds + "'"));
        }
        device.reportInterval(Duration.ofSeconds(value));
        return outcome(command, device.ack(command.commandId(), true, "report interval " + value + " s"),
                CommandOutcome.Effect.REPORT_INTERVAL_CHANGED);
    }

    private CommandOutcome lock(Command command, boolean locked) {
        // Last sent wins: the broker may hand an older lock/unlock over after a newer one (one still in flight to a lost
        // connection is delivered again after what the new connection already got), and applying it would undo the newer.
        Instant sentAt = sentAt(command);
        if (sentAt != null && lockSentAt != null && sentAt.isBefore(lockSentAt)) {
            String state = device.cargoLocked() ? "locked" : "unlocked";
            return outcome(command, device.ack(command.commandId(), true, "cargo stays " + state + ": a later lock or unlock was applied"),
                    CommandOutcome.Effect.NONE);
        }
        if (sentAt != null) {
            lockSentAt = sentAt;
        }
        boolean changed = device.lockCargo(locked);
        String state = locked ? "locked" : "unlocked";
        return outcome(command, device.ack(command.commandId(), true, changed ? "cargo " + state : "cargo already " + state),
                CommandOutcome.Effect.NONE);
    }

    private static Instant sentAt(Command command) {
        try {
            return command.sentAt() == null ? null : Instant.parse(command.sentAt());
        } catch (DateTimeParseException e) {
            return null; // no order to keep: applied as it comes
        }
    }

    private CommandOutcome assignOrder(Command command) {
        String orderId = command.argument("orderId");
        if (orderId == null || orderId.isBlank() || orderId.length() > MAX_ORDER_ID_LENGTH) {
            return rejected(command, "orderId must be a non-blank string of at most " + MAX_ORDER_ID_LENGTH + " characters");
        }
        GeoPoint destination;
        try {
            destination = new GeoPoint(coordinate(command, "latitude"), coordinate(command, "longitude"));
        } catch (IllegalArgumentException e) {
            return rejected(command, e.getMessage());
        }
        AssignResult result = device.assign(orderId, destination);
        if (result.kind() == AssignResult.Kind.ALREADY_DELIVERED) {
            return new CommandOutcome(command.type(), device.ack(command.commandId(), true, "order " + orderId + " already delivered"),
                    CommandOutcome.Effect.NONE, false, result);
        }
        String detail = String.format(Locale.ROOT, "driving %.0f m to %s", result.routeMeters(), destination)
                + (result.replacedOrderId() == null ? "" : "; order " + result.replacedOrderId() + " dropped");
        return new CommandOutcome(command.type(), device.ack(command.commandId(), true, detail),
                CommandOutcome.Effect.ORDER_ASSIGNED, false, result);
    }

    private static double coordinate(Command command, String name) {
        String value = command.argument(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be decimal degrees, was '" + value + "'");
        }
    }

    private CommandOutcome rejected(Command command, String detail) {
        return outcome(command, device.ack(command.commandId(), false, detail), CommandOutcome.Effect.NONE);
    }

    private static CommandOutcome outcome(Command command, CommandAck ack, CommandOutcome.Effect effect) {
        return new CommandOutcome(command.type(), ack, effect, false, null);
    }
}
