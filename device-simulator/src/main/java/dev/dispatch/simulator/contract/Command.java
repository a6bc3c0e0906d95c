package dev.dispatch.simulator.contract;

import java.util.Map;

/** A command from {@code devices/{deviceId}/commands}, as parsed; arguments are strings by contract. */
public record Command(String commandId, String type, Map<String, String> arguments, String sentAt) {

    public static final String PING = "ping";
    public static final String SET_REPORT_INTERVAL = "set-report-interval";
    public static final String LOCK_CARGO = "lock-cargo";
    public static final String UNLOCK_CARGO = "unlock-cargo";
    public static final String ASSIGN_ORDER = "assign-order";

    public Command {
        arguments = arguments == null ? Map.of() : Map.copyOf(arguments);
    }

    public String argument(String name) {
        return arguments.get(name);
    }
}
