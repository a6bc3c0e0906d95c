package dev.dispatch.simulator.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PayloadCodecTest {

    @Test
    void telemetryAndEventsAreTheContractsJson() {
        assertThat(json(PayloadCodec.encode(new Telemetry("courier-1", "2026-11-25T10:15:30Z", 52.5, 13.4, 4.25, 99.5))))
                .isEqualTo("{\"deviceId\":\"courier-1\",\"deviceTime\":\"2026-11-25T10:15:30Z\",\"latitude\":52.5,"
                        + "\"longitude\":13.4,\"cargoTemperatureC\":4.25,\"batteryPercent\":99.5}");
        assertThat(json(PayloadCodec.encode(new Delivered("e-1", "courier-1", "2026-11-25T10:15:30Z", "o-1", 52.5, 13.4))))
                .isEqualTo("{\"eventId\":\"e-1\",\"deviceId\":\"courier-1\",\"type\":\"delivered\","
                        + "\"deviceTime\":\"2026-11-25T10:15:30Z\",\"orderId\":\"o-1\",\"latitude\":52.5,\"longitude\":13.4}");
        assertThat(json(PayloadCodec.encode(new DoorEvent("e-2", "courier-1", "2026-11-25T10:15:30Z", true))))
                .isEqualTo("{\"eventId\":\"e-2\",\"deviceId\":\"courier-1\",\"type\":\"door-opened\",\"deviceTime\":\"2026-11-25T10:15:30Z\"}");
        assertThat(json(PayloadCodec.encode(new CommandAck("e-3", "courier-1", "2026-11-25T10:15:30Z", null, "rejected", "malformed command: x"))))
                .isEqualTo("{\"eventId\":\"e-3\",\"deviceId\":\"courier-1\",\"type\":\"command-ack\","
                        + "\"deviceTime\":\"2026-11-25T10:15:30Z\",\"commandId\":null,\"outcome\":\"rejected\",\"detail\":\"malformed command: x\"}");
    }

    @Test
    void aWellFormedCommandIsRead() {
        ParsedCommand parsed = parse("{\"commandId\":\"c-1\",\"type\":\"assign-order\",\"sentAt\":\"2026-11-25T10:15:30Z\","
                + "\"arguments\":{\"orderId\":\"o-1\",\"latitude\":\"52.5\",\"longitude\":13.4}}");

        assertThat(parsed).isEqualTo(new ParsedCommand.Valid(new Command("c-1", "assign-order",
                Map.of("orderId", "o-1", "latitude", "52.5", "longitude", "13.4"), "2026-11-25T10:15:30Z")));
        assertThat(parse("{\"commandId\":\"c-2\",\"type\":\"ping\"}"))
                .isEqualTo(new ParsedCommand.Valid(new Command("c-2", "ping", Map.of(), null)));
    }

    @Test
    void malformedCommandsSayWhatIsWrongAndKeepTheIdWhenThereIsOne() {
        assertThat(parse("")).isEqualTo(new ParsedCommand.Malformed(null, "empty payload"));
        assertThat(parse("{oops")).isInstanceOfSatisfying(ParsedCommand.Malformed.class, m -> {
            assertThat(m.commandId()).isNull();
            assertThat(m.reason()).startsWith("not JSON: ").doesNotContain("\n");
        });
        assertThat(parse("[1,2]")).isEqualTo(new ParsedCommand.Malformed(null, "not a JSON object"));
        assertThat(parse("\"ping\"")).isEqualTo(new ParsedCommand.Malformed(null, "not a JSON object"));
        assertThat(parse("{\"type\":\"ping\"}")).isEqualTo(new ParsedCommand.Malformed(null, "commandId must be a non-blank string"));
        assertThat(parse("{\"commandId\":7,\"type\":\"ping\"}")).isEqualTo(new ParsedCommand.Malformed(null, "commandId must be a non-blank string"));
        assertThat(parse("{\"commandId\":\"c-1\"}")).isEqualTo(new ParsedCommand.Malformed("c-1", "type must be a non-blank string"));
        assertThat(parse("{\"commandId\":\"c-1\",\"type\":\"ping\",\"arguments\":\"x\"}"))
                .isEqualTo(new ParsedCommand.Malformed("c-1", "arguments must be a JSON object"));
        assertThat(parse("{\"commandId\":\"c-1\",\"type\":\"ping\",\"arguments\":{\"a\":{\"b\":1}}}"))
                .isEqualTo(new ParsedCommand.Malformed("c-1", "argument 'a' must be a string"));
        assertThat(parse("{\"commandId\":\"c-1\",\"type\":\"ping\",\"arguments\":{\"a\":null}}"))
                .isEqualTo(new ParsedCommand.Malformed("c-1", "argument 'a' must be a string"));
        assertThat(PayloadCodec.parseCommand(new byte[4097])).isEqualTo(new ParsedCommand.Malformed(null, "payload of 4097 bytes exceeds 4096"));
    }

    @Test
    void topicsAndDeviceIdsFollowTheContract() {
        assertThat(TopicContract.status("c-1")).isEqualTo("devices/c-1/status");
        assertThat(TopicContract.telemetry("c-1")).isEqualTo("devices/c-1/telemetry");
        assertThat(TopicContract.events("c-1")).isEqualTo("devices/c-1/events");
        assertThat(TopicContract.commands("c-1")).isEqualTo("devices/c-1/commands");
        assertThat(TopicContract.isValidDeviceId("courier_1.a:b-2")).isTrue();
        assertThat(TopicContract.isValidDeviceId("a".repeat(64))).isTrue();
        assertThat(TopicContract.isValidDeviceId("a".repeat(65))).isFalse();
        assertThat(TopicContract.isValidDeviceId("courier/1")).isFalse();
        assertThat(TopicContract.isValidDeviceId("courier+")).isFalse();
        assertThat(TopicContract.isValidDeviceId("")).isFalse();
    }

    private static ParsedCommand parse(String text) {
        return PayloadCodec.parseCommand(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String json(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
