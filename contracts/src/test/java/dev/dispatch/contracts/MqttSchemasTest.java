package dev.dispatch.contracts;

import static dev.dispatch.contracts.EventSchemasTest.assertInvalid;
import static dev.dispatch.contracts.Json.with;
import static dev.dispatch.contracts.Json.without;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The MQTT payload schemas take what the simulator (PayloadCodec, TopicContract) and iot-ingest (CommandPublisher) send,
 * and refuse what iot-ingest's DevicePayloads rejects, where a schema can say it.
 */
class MqttSchemasTest {

    private static final String STATUS = "mqtt/status.json";
    private static final String TELEMETRY = "mqtt/telemetry.json";
    private static final String EVENTS = "mqtt/events.json";
    private static final String COMMANDS = "mqtt/commands.json";

    // The simulator's Telemetry record: deviceTime is Instant.toString at millisecond precision.
    private static final ObjectNode READING = Json.object("""
            {'deviceId':'courier-1','deviceTime':'2026-11-25T10:15:30.120Z','latitude':52.521912,'longitude':13.413215,
             'cargoTemperatureC':4.03,'batteryPercent':99.9}""");
    private static final ObjectNode DELIVERED = Json.object("""
            {'eventId':'6f1c2a0e-8d4b-4e57-9a3f-0c1d2e3f4a5b','deviceId':'courier-1','type':'delivered',
             'deviceTime':'2026-11-25T10:19:02.417Z','orderId':'3f2a9c1e-5b7d-4c8e-9f01-23456789abcd',
             'latitude':52.5321,'longitude':13.3849}""");
    private static final ObjectNode DOOR_OPENED = Json.object("""
            {'eventId':'0b9e7c55-1d2f-4a6b-8c3d-4e5f60718293','deviceId':'courier-1','type':'door-opened',
             'deviceTime':'2026-11-25T10:19:02.417Z'}""");
    private static final ObjectNode ACK = Json.object("""
            {'eventId':'c0ffee00-1234-4abc-8def-0123456789ab','deviceId':'courier-1','type':'command-ack',
             'deviceTime':'2026-11-25T10:15:31Z','commandId':'1b6e4d2a-7c3f-4e8a-9b1d-2c3e4f5a6b7c','outcome':'done',
             'detail':'online'}""");
    // iot-ingest's CommandPublisher: arguments all strings, sentAt at millisecond precision.
    private static final ObjectNode PING = Json.object("""
            {'commandId':'1b6e4d2a-7c3f-4e8a-9b1d-2c3e4f5a6b7c','type':'ping','arguments':{},'sentAt':'2026-11-25T10:15:30.120Z'}""");
    private static final ObjectNode INTERVAL = Json.object("""
            {'commandId':'77c0a1b2-c3d4-4e5f-8a9b-0c1d2e3f4a5b','type':'set-report-interval','arguments':{'seconds':'30'},
             'sentAt':'2026-11-25T10:15:30Z'}""");
    private static final ObjectNode ASSIGN = Json.object("""
            {'commandId':'5d41402a-bc4b-3a76-b971-9d911017c592','type':'assign-order',
             'arguments':{'orderId':'3f2a9c1e-5b7d-4c8e-9f01-23456789abcd','latitude':'52.5321','longitude':'13.3849'},
             'sentAt':'2026-11-25T10:05:00.412Z'}""");

    @Test
    void statusAsDevicesSendIt() {
        assertThat(Documents.errors(STATUS, Json.object("{'status':'online'}"))).isEmpty();     // TopicContract.ONLINE
        assertThat(Documents.errors(STATUS, Json.object("{'status':'offline'}"))).isEmpty();    // the last will
        assertThat(Documents.errors(STATUS, Json.object("{'status':'online','deviceId':'courier-1'}"))).isEmpty();
        assertThat(Documents.errors(STATUS, Json.object("{'status':'online','deviceId':null}"))).isEmpty(); // ingest: absent
    }

    @Test
    void statusThatIotIngestRejects() {
        assertInvalid(STATUS, Json.object("{}"), "status");
        assertInvalid(STATUS, Json.object("{'status':'ONLINE'}"), "status");
        assertInvalid(STATUS, Json.object("{'status':'sleeping'}"), "status");
        assertInvalid(STATUS, Json.object("{'status':'online','deviceId':'courier 1'}"), "deviceId");
        assertInvalid(STATUS, Json.object("{'status':'online','deviceId':7}"), "deviceId");
        assertInvalid(STATUS, Documents.parse("[\"online\"]"), "array");
    }

    @Test
    void telemetryAsTheSimulatorSendsIt() {
        assertThat(Documents.errors(TELEMETRY, READING)).isEmpty();
        assertThat(Documents.errors(TELEMETRY, with(READING, "/deviceTime", "2026-11-25T10:15:30Z"))).isEmpty(); // whole second
        assertThat(Documents.errors(TELEMETRY, with(READING, "/deviceTime", "2026-11-25T11:15:30.5+01:00"))).isEmpty();
        // the edges of every range are inside
        ObjectNode edges = with(with(with(with(READING, "/latitude", -90), "/longitude", 180), "/cargoTemperatureC", -50),
                "/batteryPercent", 0);
        assertThat(Documents.errors(TELEMETRY, edges)).isEmpty();
        assertThat(Documents.errors(TELEMETRY, with(READING, "/firmware", "1.2.3"))).as("iot-ingest ignores other fields").isEmpty();
    }

    @Test
    void telemetryThatIotIngestRejects() {
        for (String field : new String[] {"deviceId", "deviceTime", "latitude", "longitude", "cargoTemperatureC", "batteryPercent"}) {
            assertInvalid(TELEMETRY, without(READING, "/" + field), field);                      // missing-field
            assertInvalid(TELEMETRY, with(READING, "/" + field, null), field);                   // null is missing too
        }
        assertInvalid(TELEMETRY, with(READING, "/latitude", 90.000001), "latitude");             // out-of-range
        assertInvalid(TELEMETRY, with(READING, "/longitude", -180.5), "longitude");
        assertInvalid(TELEMETRY, with(READING, "/cargoTemperatureC", 100.01), "cargoTemperatureC");
        assertInvalid(TELEMETRY, with(READING, "/batteryPercent", -0.1), "batteryPercent");
        assertInvalid(TELEMETRY, with(READING, "/latitude", "52.52"), "latitude");               // invalid-field: not a number
        assertInvalid(TELEMETRY, with(READING, "/deviceTime", "2026-11-25 10:15:30"), "deviceTime");
        assertInvalid(TELEMETRY, with(READING, "/deviceTime", "1764065730"), "deviceTime");
        assertInvalid(TELEMETRY, with(READING, "/deviceTime", "2026-11-25T10:15:30"), "deviceTime"); // no offset
        assertInvalid(TELEMETRY, with(READING, "/deviceId", ""), "deviceId");
    }

    @Test
    void eventsAsTheSimulatorSendsThem() {
        assertThat(Documents.errors(EVENTS, DELIVERED)).isEmpty();
        assertThat(Documents.errors(EVENTS, DOOR_OPENED)).isEmpty();
        assertThat(Documents.errors(EVENTS, with(DOOR_OPENED, "/type", "door-closed"))).isEmpty();
        assertThat(Documents.errors(EVENTS, ACK)).isEmpty();
        assertThat(Documents.errors(EVENTS, with(with(ACK, "/outcome", "rejected"), "/detail",
                "seconds must be a whole number from 1 to 3600, was '0'"))).isEmpty();
        assertThat(Documents.errors(EVENTS, without(ACK, "/detail"))).as("detail is optional").isEmpty();
        assertThat(Documents.errors(EVENTS, with(ACK, "/commandId", "c-1"))).as("the command's id, whatever it was").isEmpty();
        assertThat(Documents.errors(EVENTS, with(DOOR_OPENED, "/eventId", "0B9E7C55-1D2F-4A6B-8C3D-4E5F60718293"))).isEmpty();
    }

    @Test
    void eventsThatIotIngestRejects() {
        assertInvalid(EVENTS, with(DELIVERED, "/eventId", "delivery-1"), "eventId");
        assertInvalid(EVENTS, without(DOOR_OPENED, "/eventId"), "eventId");
        assertInvalid(EVENTS, without(DOOR_OPENED, "/deviceId"), "deviceId");
        assertInvalid(EVENTS, with(DOOR_OPENED, "/type", "exploded"), "type");
        assertInvalid(EVENTS, without(DELIVERED, "/orderId"), "orderId");
        assertInvalid(EVENTS, with(DELIVERED, "/latitude", 91), "latitude");
        assertInvalid(EVENTS, without(DELIVERED, "/longitude"), "longitude");
        assertInvalid(EVENTS, without(ACK, "/outcome"), "outcome");
        assertInvalid(EVENTS, with(ACK, "/outcome", "ok"), "outcome");
        assertInvalid(EVENTS, with(ACK, "/commandId", "   "), "commandId");
        assertInvalid(EVENTS, with(ACK, "/commandId", "x".repeat(257)), "commandId");
    }

    /**
     * Two payloads the simulator can send and iot-ingest rejects; the schema, like iot-ingest, refuses them: the
     * answer to a command without a usable commandId (commandId null), and the delivery of a demo order
     * (--deliver-to, order id demo-courier-1: not a UUID).
     */
    @Test
    void simulatorPayloadsOutsideTheContract() {
        assertInvalid(EVENTS, with(with(ACK, "/commandId", null), "/outcome", "rejected"), "commandId");
        assertInvalid(EVENTS, with(DELIVERED, "/orderId", "demo-courier-1"), "orderId");
    }

    @Test
    void commandsAsIotIngestSendsThem() {
        assertThat(Documents.errors(COMMANDS, PING)).isEmpty();
        assertThat(Documents.errors(COMMANDS, with(PING, "/type", "lock-cargo"))).isEmpty();
        assertThat(Documents.errors(COMMANDS, with(PING, "/type", "unlock-cargo"))).isEmpty();
        assertThat(Documents.errors(COMMANDS, INTERVAL)).isEmpty();
        for (String seconds : new String[] {"1", "3600", "0010", "+5", "999", "2500", "3599"}) {    // what Integer.parseInt takes
            assertThat(Documents.errors(COMMANDS, with(INTERVAL, "/arguments/seconds", seconds))).as(seconds).isEmpty();
        }
        assertThat(Documents.errors(COMMANDS, ASSIGN)).isEmpty();
        // Double.toString of destinations: the extremes and the scientific notation of small values
        for (String[] destination : new String[][] {{"90.0", "180.0"}, {"-90.0", "-180.0"}, {"0.0", "-0.0"}, {"1.0E-4", "-5.0E-7"},
                {"52.52000000000001", "179.99999999999997"}}) {
            ObjectNode assign = with(with(ASSIGN, "/arguments/latitude", destination[0]), "/arguments/longitude", destination[1]);
            assertThat(Documents.errors(COMMANDS, assign)).as(String.join(",", destination)).isEmpty();
        }
    }

    @Test
    void commandsOutsideTheContract() {
        assertInvalid(COMMANDS, with(PING, "/type", "self-destruct"), "type");
        assertInvalid(COMMANDS, with(PING, "/arguments", Json.object("{'loud':'yes'}")), "arguments");  // takes no arguments
        assertInvalid(COMMANDS, without(PING, "/sentAt"), "sentAt");
        assertInvalid(COMMANDS, with(PING, "/commandId", "c-1"), "commandId");
        for (String seconds : new String[] {"0", "3601", "1.5", "soon", "", "-5", " 5"}) {
            assertInvalid(COMMANDS, with(INTERVAL, "/arguments/seconds", seconds), "seconds");
        }
        assertInvalid(COMMANDS, without(INTERVAL, "/arguments/seconds"), "seconds");
        assertInvalid(COMMANDS, with(INTERVAL, "/arguments/seconds", 30), "seconds");                 // arguments are strings
        assertInvalid(COMMANDS, with(INTERVAL, "/arguments/extra", "1"), "extra");
        assertInvalid(COMMANDS, with(ASSIGN, "/arguments/latitude", "90.5"), "latitude");
        assertInvalid(COMMANDS, with(ASSIGN, "/arguments/longitude", "180.1"), "longitude");
        assertInvalid(COMMANDS, with(ASSIGN, "/arguments/latitude", "NaN"), "latitude");
        assertInvalid(COMMANDS, with(ASSIGN, "/arguments/latitude", "1.0E7"), "latitude");
        assertInvalid(COMMANDS, without(ASSIGN, "/arguments/orderId"), "orderId");
        assertInvalid(COMMANDS, with(ASSIGN, "/arguments/orderId", "demo-courier-1"), "orderId");
    }
}
