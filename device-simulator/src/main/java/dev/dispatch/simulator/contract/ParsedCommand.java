package dev.dispatch.simulator.contract;

/** A command payload, either usable or not; a malformed one still gets an answer. */
public sealed interface ParsedCommand {

    /** A well-formed command: its arguments are checked by the device that runs it. */
    record Valid(Command command) implements ParsedCommand {
    }

    /** Not a command at all; {@code commandId} is what could be read of it, or null. */
    record Malformed(String commandId, String reason) implements ParsedCommand {
    }
}
