package dev.dispatch.iot.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.dispatch.iot.model.Binding;
import dev.dispatch.iot.model.Command;
import dev.dispatch.iot.model.InvalidRequest;
import dev.dispatch.iot.model.UnknownDevice;
import dev.dispatch.iot.mqtt.CommandPublisher;
import dev.dispatch.testsupport.contracts.Contracts;
import io.smallrye.mutiny.Uni;

/**
 * Commands as the use case validates and builds them, sent through a channel that only records them: each one, as
 * the MQTT adapter writes it, is valid by {@code contracts/mqtt/commands.json}.
 */
class DeviceCommandsTest {

    private final List<Command> sent = new CopyOnWriteArrayList<>();
    /** Knows courier-1 only (the real one asks the database). */
    private final DeviceRegistry registry = new DeviceRegistry(null) {
        @Override
        public Uni<Boolean> exists(String deviceId) {
            return Uni.createFrom().item(deviceId.equals("courier-1"));
        }
    };
    private final DeviceCommands commands = new DeviceCommands(registry, command -> {
        sent.add(command);
        return Uni.createFrom().voidItem();
    });

    @ParameterizedTest
    @CsvSource({"ping, , ", "lock-cargo, , ", "unlock-cargo, , ", "set-report-interval, seconds, 30", "set-report-interval, seconds, 3600",
            "set-report-interval, seconds, +007"})
    void anOperatorsCommandGoesToTheDeviceAsTheContractHasIt(String type, String argument, String value) {
        Map<String, String> arguments = argument == null ? Map.of() : Map.of(argument, value);

        Command command = commands.send("courier-1", type, arguments).await().indefinitely();

        assertThat(sent).containsExactly(command);
        assertThat(command.type()).isEqualTo(type);
        assertThat(command.arguments()).isEqualTo(arguments);
        Contracts.assertValidMqtt("devices/courier-1/commands", CommandPublisher.payload(command));
    }

    @Test
    void badCommandsAreRefusedWithTheFieldAndNothingIsSent() {
        assertInvalid("bad id", "ping", Map.of(), "device_id");
        assertInvalid("courier-1", "self-destruct", Map.of(), "type");
        assertInvalid("courier-1", null, Map.of(), "type");
        assertInvalid("courier-1", "set-report-interval", Map.of(), "arguments");
        assertInvalid("courier-1", "set-report-interval", Map.of("seconds", "0"), "arguments.seconds");
        assertInvalid("courier-1", "set-report-interval", Map.of("seconds", "3601"), "arguments.seconds");
        assertInvalid("courier-1", "set-report-interval", Map.of("seconds", "soon"), "arguments.seconds");
        assertInvalid("courier-1", "set-report-interval", Map.of("seconds", "30", "loud", "yes"), "arguments");
        assertInvalid("courier-1", "ping", Map.of("loud", "yes"), "arguments");
        assertThatThrownBy(() -> commands.send("never-seen", "ping", Map.of()).await().indefinitely()).isInstanceOf(UnknownDevice.class);
        assertThat(sent).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"52.5321, 13.3849", "-90, 180", "0.0001, -0.00001", "-33.8688, 151.2093", "0, 0"})
    void assignOrderTellsTheDeviceItsOrderAndDestinationUnderOneIdPerDispatch(double latitude, double longitude) {
        Binding binding = new Binding(UUID.randomUUID(), "courier-1", "alice", latitude, longitude, null);

        Command first = commands.assignOrder(binding, "order-event:e-1").await().indefinitely();
        Command again = commands.assignOrder(binding, "order-event:e-1").await().indefinitely();
        Command other = commands.assignOrder(binding, "order-event:e-2").await().indefinitely();

        assertThat(first.type()).isEqualTo(DeviceCommands.ASSIGN_ORDER);
        assertThat(first.arguments()).containsEntry("orderId", binding.orderId().toString())
                .containsEntry("latitude", Double.toString(latitude)).containsEntry("longitude", Double.toString(longitude));
        assertThat(again.commandId()).isEqualTo(first.commandId());
        assertThat(other.commandId()).isNotEqualTo(first.commandId());
        Contracts.assertValidMqtt("devices/courier-1/commands", CommandPublisher.payload(first));
    }

    private void assertInvalid(String deviceId, String type, Map<String, String> arguments, String field) {
        assertThatThrownBy(() -> commands.send(deviceId, type, arguments).await().indefinitely())
                .isInstanceOfSatisfying(InvalidRequest.class, e -> assertThat(e.field()).isEqualTo(field));
    }
}
