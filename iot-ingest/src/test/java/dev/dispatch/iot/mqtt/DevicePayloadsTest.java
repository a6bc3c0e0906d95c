package dev.dispatch.iot.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.dispatch.iot.model.DeviceEvent;
import dev.dispatch.iot.model.DeviceStatus;
import dev.dispatch.iot.model.Reading;
import dev.dispatch.iot.model.RejectReason;
import dev.dispatch.iot.model.Rejected;
import io.vertx.core.json.JsonObject;

/** The MQTT payload contract as iot-ingest reads it: good payloads become records, bad ones a Rejected with the first reason. */
class DevicePayloadsTest {

    private static final String DEVICE = "courier-1";
    private static final Instant NOW = Instant.parse("2026-11-25T10:15:30Z");
    private static final Duration SKEW = Duration.ofMinutes(5);

    @Test
    void telemetryBecomesAReadingReceivedNow() {
        Reading reading = DevicePayloads.telemetry(DEVICE, bytes(telemetry()), NOW, SKEW);

        assertThat(reading).isEqualTo(new Reading(DEVICE, Instant.parse("2026-11-25T10:15:00Z"), NOW, 52.54, 13.38, 5.5, 80));
    }

    @Test
    void telemetryTakesOffsetsAndTheRangesInclusive() {
        JsonObject edge = telemetry().put("deviceTime", "2026-11-25T11:20:30+01:00").put("latitude", -90).put("longitude", 180)
                .put("cargoTemperatureC", 100).put("batteryPercent", 0).put("firmware", "ignored");

        Reading reading = DevicePayloads.telemetry(DEVICE, bytes(edge), NOW, SKEW);

        assertThat(reading.deviceTime()).as("exactly 5 minutes ahead is still fine").isEqualTo(NOW.plus(SKEW));
        assertThat(reading.latitude()).isEqualTo(-90);
        assertThat(reading.batteryPercent()).isZero();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{not json                                    | MALFORMED_JSON",
            "[1,2]                                        | MALFORMED_JSON",
            "42                                           | MALFORMED_JSON",
            "''                                           | MALFORMED_JSON",
            "null                                         | MALFORMED_JSON"})
    void aPayloadThatIsNotAJsonObjectIsMalformed(String payload, RejectReason reason) {
        assertRejected(() -> DevicePayloads.telemetry(DEVICE, bytes(payload), NOW, SKEW), reason);
        assertRejected(() -> DevicePayloads.event(DEVICE, bytes(payload)), reason);
        assertRejected(() -> DevicePayloads.status(DEVICE, bytes(payload)), reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"deviceId", "deviceTime", "latitude", "longitude", "cargoTemperatureC", "batteryPercent"})
    void telemetryWithoutAFieldOrWithItNullIsMissingAField(String field) {
        JsonObject without = telemetry();
        without.remove(field);
        assertRejected(() -> DevicePayloads.telemetry(DEVICE, bytes(without), NOW, SKEW), RejectReason.MISSING_FIELD);
        assertRejected(() -> DevicePayloads.telemetry(DEVICE, bytes(telemetry().putNull(field)), NOW, SKEW), RejectReason.MISSING_FIELD);
    }

    @ParameterizedTest
    // Quoted with ", so that the single quotes stay in the value (JSON strings, written with ' here).
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "latitude          | 'north'                  | INVALID_FIELD",
            "batteryPercent    | true                     | INVALID_FIELD",
            "cargoTemperatureC | '5.5'                    | INVALID_FIELD",
            "deviceTime        | 'yesterday'              | INVALID_FIELD",
            "deviceTime        | '2026-11-25T10:15:00'    | INVALID_FIELD",
            "deviceTime        | 1764065700               | INVALID_FIELD",
            "deviceTime        | ''                       | INVALID_FIELD",
            "latitude          | 90.5                     | OUT_OF_RANGE",
            "longitude         | -180.01                  | OUT_OF_RANGE",
            "cargoTemperatureC | -60                      | OUT_OF_RANGE",
            "cargoTemperatureC | 100.5                    | OUT_OF_RANGE",
            "batteryPercent    | 101                      | OUT_OF_RANGE",
            "batteryPercent    | -1                       | OUT_OF_RANGE",
            "latitude          | 1e400                    | OUT_OF_RANGE",
            "deviceTime        | '2026-11-25T10:20:31Z'   | OUT_OF_RANGE",
            "deviceId          | 'someone-else'           | DEVICE_ID_MISMATCH",
            "deviceId          | 7                        | DEVICE_ID_MISMATCH"})
    void telemetryWithABadFieldIsRejectedWithItsReason(String field, String json, RejectReason reason) {
        // Spliced into the text, so that the value reaches the parser exactly as written (1e400 included).
        String bad = telemetry().encode().replaceFirst("\"" + field + "\":[^,}]*", "\"" + field + "\":" + json.replace('\'', '"'));
        assertRejected(() -> DevicePayloads.telemetry(DEVICE, bytes(bad), NOW, SKEW), reason);
    }

    @Test
    void aDeliveredEventCarriesTheOrderAndWhere() {
        UUID eventId = UUID.randomUUID();
        UUID orderId = UUID.randomUUID();
        JsonObject delivered = event(eventId, "delivered").put("orderId", orderId.toString()).put("latitude", 52.53).put("longitude", 13.38);

        DeviceEvent event = DevicePayloads.event(DEVICE, bytes(delivered));

        assertThat(event).isEqualTo(new DeviceEvent(eventId, DEVICE, DeviceEvent.DELIVERED, Instant.parse("2026-11-25T10:15:00Z"), orderId,
                52.53, 13.38, null, null, null));
    }

    @Test
    void aCommandAckCarriesTheCommandTheOutcomeAndAnOptionalDetail() {
        UUID eventId = UUID.randomUUID();
        JsonObject ack = event(eventId, "command-ack").put("commandId", "c-1").put("outcome", "rejected").put("detail", "door open");

        DeviceEvent event = DevicePayloads.event(DEVICE, bytes(ack));

        assertThat(event.commandId()).isEqualTo("c-1");
        assertThat(event.outcome()).isEqualTo("rejected");
        assertThat(event.detail()).isEqualTo("door open");
        assertThat(DevicePayloads.event(DEVICE, bytes(ack.putNull("detail"))).detail()).isNull();
        assertThat(DevicePayloads.event(DEVICE, bytes(event(eventId, "door-opened"))).orderId()).isNull();
    }

    @Test
    void eventsWithBadFieldsAreRejectedWithTheirReason() {
        UUID id = UUID.randomUUID();
        assertRejected(() -> DevicePayloads.event(DEVICE, bytes(event(id, "teleported"))), RejectReason.INVALID_FIELD);
        JsonObject noEventId = event(id, "door-opened");
        noEventId.remove("eventId");
        assertRejected(() -> DevicePayloads.event(DEVICE, bytes(noEventId)), RejectReason.MISSING_FIELD);
        assertRejected(() -> DevicePayloads.event(DEVICE, bytes(event(id, "door-opened").put("eventId", "not-a-uuid"))), RejectReason.INVALID_FIELD);
        assertRejected(() -> DevicePayloads.event(DEVICE, bytes(event(id, "door-opened").put("eventId", "1-1-1-1-1"))), RejectReason.INVALID_FIELD);
        assertRejected(() -> DevicePayloads.event(DEVICE, bytes(event(id, "door-opened").put("deviceId", "other"))), RejectReason.DEVICE_ID_MISMATCH);
        assertRejected(() -> DevicePayloads.event(DEVICE, bytes(event(id, "delivered").put("latitude", 52.5).put("longitude", 13.4))),
                RejectReason.MISSING_FIELD);
        assertRejected(() -> DevicePayloads.event(DEVICE, bytes(event(id, "delivered").put("orderId", UUID.randomUUID().toString())
                .put("latitude", 95).put("longitude", 13.4))), RejectReason.OUT_OF_RANGE);
        assertRejected(() -> DevicePayloads.event(DEVICE, bytes(event(id, "command-ack").put("commandId", "c-1").put("outcome", "maybe"))),
                RejectReason.INVALID_FIELD);
        assertRejected(() -> DevicePayloads.event(DEVICE, bytes(event(id, "command-ack").put("outcome", "done"))), RejectReason.MISSING_FIELD);
        assertRejected(() -> DevicePayloads.event(DEVICE, bytes(event(id, "door-opened").put("type", "x".repeat(257)))),
                RejectReason.INVALID_FIELD);
    }

    @Test
    void statusIsOnlineOrOfflineAndItsDeviceIdOptional() {
        assertThat(DevicePayloads.status(DEVICE, bytes("{\"status\":\"online\"}"))).isEqualTo(DeviceStatus.ONLINE);
        assertThat(DevicePayloads.status(DEVICE, bytes("{\"status\":\"offline\",\"deviceId\":null}"))).isEqualTo(DeviceStatus.OFFLINE);
        assertThat(DevicePayloads.status(DEVICE, bytes("{\"status\":\"online\",\"deviceId\":\"courier-1\"}"))).isEqualTo(DeviceStatus.ONLINE);

        assertRejected(() -> DevicePayloads.status(DEVICE, bytes("{\"status\":\"asleep\"}")), RejectReason.INVALID_FIELD);
        assertRejected(() -> DevicePayloads.status(DEVICE, bytes("{\"status\":\"ONLINE\"}")), RejectReason.INVALID_FIELD);
        assertRejected(() -> DevicePayloads.status(DEVICE, bytes("{\"status\":1}")), RejectReason.INVALID_FIELD);
        assertRejected(() -> DevicePayloads.status(DEVICE, bytes("{}")), RejectReason.MISSING_FIELD);
        assertRejected(() -> DevicePayloads.status(DEVICE, bytes("{\"status\":\"online\",\"deviceId\":\"other\"}")),
                RejectReason.DEVICE_ID_MISMATCH);
    }

    private static JsonObject telemetry() {
        return new JsonObject().put("deviceId", DEVICE).put("deviceTime", "2026-11-25T10:15:00Z").put("latitude", 52.54)
                .put("longitude", 13.38).put("cargoTemperatureC", 5.5).put("batteryPercent", 80);
    }

    private static JsonObject event(UUID eventId, String type) {
        return new JsonObject().put("eventId", eventId.toString()).put("deviceId", DEVICE).put("type", type)
                .put("deviceTime", "2026-11-25T10:15:00Z");
    }

    private static byte[] bytes(JsonObject json) {
        return bytes(json.encode());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void assertRejected(Runnable parse, RejectReason reason) {
        assertThatThrownBy(parse::run).isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.reason()).isEqualTo(reason));
    }
}
