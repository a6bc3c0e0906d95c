package dev.dispatch.gateway.graphql.type;

import java.time.Instant;

import dev.dispatch.gateway.model.CommandType;

/** A command handed to the broker for the device; the device acknowledges it with a command-ack event of this commandId. */
public record CommandAccepted(String commandId, String deviceId, CommandType type, Instant sentAt) {
}
