package dev.dispatch.simulator.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;

import dev.dispatch.simulator.device.CommandHandler;
import dev.dispatch.simulator.device.CommandOutcome;
import dev.dispatch.simulator.device.DeviceSettings;
import dev.dispatch.simulator.device.SimulatedDevice;
import dev.dispatch.simulator.geo.GeoPoint;
import dev.dispatch.simulator.geo.RouteShape;
import dev.dispatch.simulator.support.MutableClock;
import dev.dispatch.testsupport.contracts.Contracts;

/**
 * The simulator's own copy of the MQTT contract ({@link TopicContract}, {@link PayloadCodec}) against the normative
 * one, contracts/asyncapi.yaml and its mqtt/ schemas: everything a device publishes conforms, and every command the
 * contract shows is read and run. No broker: the device is driven by a clock.
 */
class ContractConformanceTest {

    private static final String DEVICE = "courier-1";
    private static final String COMMANDS = "devices/{deviceId}/commands";
    private static final String EVENTS = "devices/{deviceId}/events";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));

    @Test
    void theSimulatorKnowsEveryCommandAndEventOfTheContract() {
        assertThat(Contracts.messageNames(COMMANDS)).isEqualTo(Set.of(
                Command.PING, Command.SET_REPORT_INTERVAL, Command.LOCK_CARGO, Command.UNLOCK_CARGO, Command.ASSIGN_ORDER));
        assertThat(Contracts.messageNames(EVENTS)).isEqualTo(Set.of(
                Delivered.TYPE, DoorEvent.OPENED, DoorEvent.CLOSED, CommandAck.TYPE));
    }

    @Test
    void theOnlineStatusAndTheOfflineStatusAndWillConform() {
        Contracts.assertValidMqtt(TopicContract.status(DEVICE), TopicContract.ONLINE);
        Contracts.assertValidMqtt(TopicContract.status(DEVICE), TopicContract.OFFLINE);
    }

    @Test
    void everyReadingAndEventOfADriveConforms() {
        for (RouteShape shape : RouteShape.values()) {
            SimulatedDevice device = device(DeviceSettings.defaults().withRoute(shape, 3).withSpeed(12));
            device.assign(UUID.randomUUID().toString(), DeviceSettings.DEFAULT_START.offset(2200, -1800));

            List<DeviceEvent> events = drive(device);

            assertThat(events).extracting(DeviceEvent::type).containsExactly(DoorEvent.OPENED, Delivered.TYPE, DoorEvent.CLOSED);
            events.forEach(ContractConformanceTest::assertConforms);
            assertConforms(device.reading());
        }
    }

    @Test
    void aLockedBoxDeliversWithoutDoorEventsAndStillConforms() {
        SimulatedDevice device = device(DeviceSettings.defaults().withSpeed(50));
        device.lockCargo(true);
        device.assign(UUID.randomUUID().toString(), DeviceSettings.DEFAULT_START.offset(-300, 400));

        List<DeviceEvent> events = drive(device);

        assertThat(events).extracting(DeviceEvent::type).containsExactly(Delivered.TYPE);
        assertConforms(events.get(0));
    }

    @Test
    void readingsStayWithinTheContractsRangesAtTheirLimits() {
        SimulatedDevice warming = device(DeviceSettings.defaults().withCargoTemperature(99.9, 30).withBattery(0.5, 40));
        SimulatedDevice freezing = device(DeviceSettings.defaults().withCargoTemperature(-49.9, -30).withBattery(100, 0));
        for (int minute = 0; minute < 10; minute++) {
            clock.advance(Duration.ofMinutes(1));
            warming.advance();
            freezing.advance();
            assertConforms(warming.reading());
            assertConforms(freezing.reading());
        }
        // At the limits, where the sensor noise could push a reading out of range.
        assertThat(warming.cargoTemperatureC()).isEqualTo(100.0);
        assertThat(warming.batteryPercent()).isZero();
        assertThat(freezing.cargoTemperatureC()).isEqualTo(-50.0);
    }

    @Test
    void everyAnswerToACommandConforms() {
        SimulatedDevice device = device(DeviceSettings.defaults());
        CommandHandler handler = new CommandHandler(device);
        String order = UUID.randomUUID().toString();
        String assign = UUID.randomUUID().toString();
        List<String> commands = List.of(
                command(UUID.randomUUID().toString(), "ping", Map.of()),
                command(UUID.randomUUID().toString(), "set-report-interval", Map.of("seconds", "30")),
                command(UUID.randomUUID().toString(), "set-report-interval", Map.of("seconds", "0")),
                command(UUID.randomUUID().toString(), "set-report-interval", Map.of()),
                command(UUID.randomUUID().toString(), "lock-cargo", Map.of()),
                command(UUID.randomUUID().toString(), "lock-cargo", Map.of()),
                command(UUID.randomUUID().toString(), "unlock-cargo", Map.of()),
                command(assign, "assign-order", Map.of("orderId", order, "latitude", "52.5321", "longitude", "13.3849")),
                command(assign, "assign-order", Map.of("orderId", order, "latitude", "52.5321", "longitude", "13.3849")),
                command(UUID.randomUUID().toString(), "assign-order", Map.of("orderId", order, "latitude", "95", "longitude", "13.4")),
                command(UUID.randomUUID().toString(), "assign-order", Map.of("latitude", "52.5", "longitude", "13.4")),
                command(UUID.randomUUID().toString(), "self-destruct", Map.of()),
                "{\"commandId\":\"c-args\",\"type\":\"ping\",\"arguments\":[1]}",
                "{\"commandId\":\"c-type\"}");

        List<String> outcomes = new ArrayList<>();
        for (String command : commands) {
            CommandAck ack = handler.handle(PayloadCodec.parseCommand(bytes(command))).ack();
            assertConforms(ack);
            outcomes.add(ack.outcome());
        }

        assertThat(outcomes).containsExactly("done", "done", "rejected", "rejected", "done", "done", "done", "done", "done",
                "rejected", "rejected", "rejected", "rejected", "rejected");
    }

    @Test
    void everyCommandExampleOfTheContractIsReadAndRun() {
        Map<String, JsonNode> examples = commandExamples();
        assertThat(examples).isNotEmpty();
        SimulatedDevice device = device(DeviceSettings.defaults());
        CommandHandler handler = new CommandHandler(device);

        examples.forEach((name, example) -> {
            Contracts.assertValidMqtt(TopicContract.commands(DEVICE), example.toString());
            ParsedCommand parsed = PayloadCodec.parseCommand(bytes(example.toString()));

            Map<String, String> arguments = new LinkedHashMap<>();
            example.path("arguments").properties().forEach(a -> arguments.put(a.getKey(), a.getValue().asText()));
            assertThat(parsed).as(name).isEqualTo(new ParsedCommand.Valid(new Command(example.get("commandId").asText(),
                    example.get("type").asText(), arguments, example.get("sentAt").asText())));
            CommandOutcome outcome = handler.handle(parsed);
            assertThat(outcome.ack().outcome()).as(name + ": " + outcome.ack().detail()).isEqualTo(CommandAck.DONE);
            assertConforms(outcome.ack());
        });
        assertThat(examples.values()).extracting(e -> e.get("type").asText()).containsAll(Contracts.messageNames(COMMANDS));
    }

    @Test
    void argumentsInEveryFormTheContractAllowsAreAccepted() {
        SimulatedDevice device = device(DeviceSettings.defaults());
        CommandHandler handler = new CommandHandler(device);
        List<String> commands = List.of(
                command(UUID.randomUUID().toString(), "set-report-interval", Map.of("seconds", "1")),
                command(UUID.randomUUID().toString(), "set-report-interval", Map.of("seconds", "3600")),
                command(UUID.randomUUID().toString(), "set-report-interval", Map.of("seconds", "+30")),
                command(UUID.randomUUID().toString(), "set-report-interval", Map.of("seconds", "0045")),
                command(UUID.randomUUID().toString(), "assign-order", Map.of("orderId", UUID.randomUUID().toString(),
                        "latitude", "1.0E-4", "longitude", "-179.5")),
                command(UUID.randomUUID().toString(), "assign-order", Map.of("orderId", UUID.randomUUID().toString(),
                        "latitude", "-90", "longitude", "180.0")));

        for (String command : commands) {
            Contracts.assertValidMqtt(TopicContract.commands(DEVICE), command);
            CommandAck ack = handler.handle(PayloadCodec.parseCommand(bytes(command))).ack();
            assertThat(ack.outcome()).as(command + " -> " + ack.detail()).isEqualTo(CommandAck.DONE);
        }
    }

    /**
     * Where the simulator says more than the contract allows (both documented in the README): an answer to a command
     * so malformed that it had no id carries {@code "commandId":null}, and {@code --deliver-to} without an order
     * delivers the order id {@code demo-<device>}, not a UUID. iot-ingest rejects both; nothing else is affected.
     */
    @Test
    void theKnownGapsAreOnlyThese() {
        CommandAck anonymous = new CommandHandler(device(DeviceSettings.defaults()))
                .handle(PayloadCodec.parseCommand(bytes("{not json"))).ack();
        assertThat(Contracts.mqttErrors(TopicContract.events(DEVICE), PayloadCodec.encode(anonymous)))
                .isNotEmpty().allSatisfy(error -> assertThat(error).contains("commandId"));

        Delivered demo = new Delivered(UUID.randomUUID().toString(), DEVICE, "2026-11-25T10:15:30Z", "demo-courier-1", 52.5, 13.4);
        assertThat(Contracts.mqttErrors(TopicContract.events(DEVICE), PayloadCodec.encode(demo)))
                .isNotEmpty().allSatisfy(error -> assertThat(error).contains("orderId"));
    }

    private SimulatedDevice device(DeviceSettings settings) {
        return new SimulatedDevice(DEVICE, settings.withReportInterval(Duration.ofSeconds(1)), clock);
    }

    /** Reading after reading until the device has arrived; each one must conform. */
    private List<DeviceEvent> drive(SimulatedDevice device) {
        List<DeviceEvent> events = new ArrayList<>();
        int readings = 0;
        while (device.assignment().isPresent()) {
            clock.advance(device.reportInterval());
            events.addAll(device.advance());
            assertConforms(device.reading());
            readings++;
            assertThat(readings).as("still driving after %d readings", readings).isLessThan(10_000);
        }
        assertThat(readings).isGreaterThan(5);
        return events;
    }

    private static void assertConforms(Telemetry reading) {
        Contracts.assertValidMqtt(TopicContract.telemetry(reading.deviceId()), PayloadCodec.encode(reading));
    }

    private static void assertConforms(DeviceEvent event) {
        Contracts.assertValidMqtt(TopicContract.events(event.deviceId()), PayloadCodec.encode(event));
    }

    private static String command(String commandId, String type, Map<String, String> arguments) {
        ObjectNode command = JSON.createObjectNode().put("commandId", commandId).put("type", type);
        ObjectNode args = command.putObject("arguments");
        arguments.forEach(args::put);
        return command.put("sentAt", "2026-11-25T10:15:30.120Z").toString();
    }

    /** The examples of the commands channel's messages in asyncapi.yaml, by message and example name. */
    private static Map<String, JsonNode> commandExamples() {
        JsonNode api = Contracts.asyncApi();
        Map<String, JsonNode> examples = new LinkedHashMap<>();
        for (JsonNode channel : api.path("channels")) {
            if (!COMMANDS.equals(channel.path("address").asText())) {
                continue;
            }
            for (JsonNode reference : channel.path("messages")) {
                JsonNode message = reference.has("$ref") ? api.at(reference.get("$ref").asText().substring(1)) : reference;
                for (JsonNode example : message.path("examples")) {
                    examples.put(message.path("name").asText() + "/" + example.path("name").asText(), example.get("payload"));
                }
            }
        }
        return examples;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
