package dev.dispatch.iot.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.dispatch.iot.model.Binding;
import dev.dispatch.iot.model.Command;
import dev.dispatch.iot.model.DeviceIds;
import dev.dispatch.iot.model.InvalidRequest;
import dev.dispatch.iot.model.UnknownDevice;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Commands to devices: the operator's (SendCommand), validated against the command contract, and iot-ingest's own
 * {@code assign-order}. All go out on devices/{deviceId}/commands at QoS 1.
 */
@ApplicationScoped
public class DeviceCommands {

    public static final String PING = "ping";
    public static final String SET_REPORT_INTERVAL = "set-report-interval";
    public static final String LOCK_CARGO = "lock-cargo";
    public static final String UNLOCK_CARGO = "unlock-cargo";
    public static final String ASSIGN_ORDER = "assign-order";

    private static final Set<String> OPERATOR_COMMANDS = Set.of(PING, SET_REPORT_INTERVAL, LOCK_CARGO, UNLOCK_CARGO);

    private final DeviceRegistry registry;
    private final CommandChannel channel;

    DeviceCommands(DeviceRegistry registry, CommandChannel channel) {
        this.registry = registry;
        this.channel = channel;
    }

    /** An operator's command; the device must be registered. */
    public Uni<Command> send(String deviceId, String type, Map<String, String> arguments) {
        return Uni.createFrom().deferred(() -> {
            if (!DeviceIds.isValid(deviceId)) {
                throw new InvalidRequest("device_id", "must be 1 to 64 letters, digits, '.', '_', ':' or '-'");
            }
            if (type == null || !OPERATOR_COMMANDS.contains(type)) {
                throw new InvalidRequest("type", "must be one of PING, SET_REPORT_INTERVAL, LOCK_CARGO, UNLOCK_CARGO");
            }
            validateArguments(type, arguments);
            return registry.exists(deviceId).flatMap(known -> {
                if (!known) {
                    throw new UnknownDevice(deviceId);
                }
                Command command = new Command(UUID.randomUUID(), deviceId, type, Map.copyOf(arguments), now());
                return channel.send(command).replaceWith(command);
            });
        });
    }

    /** Tells the device its order and destination; the same command id for the same dispatch, however often sent. */
    public Uni<Command> assignOrder(Binding binding, String dispatchKey) {
        Map<String, String> arguments = new LinkedHashMap<>();
        arguments.put("orderId", binding.orderId().toString());
        arguments.put("latitude", Double.toString(binding.destinationLatitude()));
        arguments.put("longitude", Double.toString(binding.destinationLongitude()));
        UUID commandId = UUID.nameUUIDFromBytes((ASSIGN_ORDER + ":" + dispatchKey).getBytes(StandardCharsets.UTF_8));
        Command command = new Command(commandId, binding.deviceId(), ASSIGN_ORDER, arguments, now());
        return channel.send(command).replaceWith(command);
    }

    private static void validateArguments(String type, Map<String, String> arguments) {
        if (type.equals(SET_REPORT_INTERVAL)) {
            String seconds = arguments.get("seconds");
            if (seconds == null) {
                throw new InvalidRequest("arguments", "set-report-interval needs the argument seconds (1..3600)");
            }
            int value;
            try {
                value = Integer.parseInt(seconds);
            } catch (NumberFormatException e) {
                throw new InvalidRequest("arguments.seconds", "must be a whole number of seconds, 1..3600, not '" + seconds + "'");
            }
            if (value < 1 || value > 3600) {
                throw new InvalidRequest("arguments.seconds", "must be 1..3600, not " + value);
            }
            if (arguments.size() > 1) {
                throw new InvalidRequest("arguments", "set-report-interval takes only seconds");
            }
        } else if (!arguments.isEmpty()) {
            throw new InvalidRequest("arguments", type + " takes no arguments");
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
