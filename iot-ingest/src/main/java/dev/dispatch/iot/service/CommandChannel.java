package dev.dispatch.iot.service;

import dev.dispatch.iot.model.Command;
import io.smallrye.mutiny.Uni;

/**
 * Where commands go down to devices (implemented by the protocol adapter that reaches them, {@code mqtt}). The Uni
 * completes once the command is handed over, and fails, within a bound, when it cannot be.
 */
public interface CommandChannel {

    Uni<Void> send(Command command);
}
