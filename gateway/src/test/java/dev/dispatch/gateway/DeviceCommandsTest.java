package dev.dispatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.dispatch.gateway.support.Api;
import dev.dispatch.gateway.support.FakeDeviceService;
import dev.dispatch.proto.device.v1.CommandType;
import dev.dispatch.proto.device.v1.SendCommandRequest;
import dev.dispatch.testsupport.jwt.Tokens;
import io.quarkus.grpc.GrpcService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** POST /api/devices/{id}/commands: 202 with the command's id, every bad body listed, and who may send. */
@QuarkusTest
class DeviceCommandsTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    @GrpcService
    FakeDeviceService devices;

    @Test
    void eachCommandIsAcceptedAndReachesIotIngest() {
        String id = device();
        for (String type : List.of("PING", "LOCK_CARGO", "UNLOCK_CARGO")) {
            Api.operator("olga").body(Map.of("type", type)).when().post("/api/devices/{id}/commands", id)
                    .then().statusCode(202)
                    .body("commandId", notNullValue())
                    .body("deviceId", is(id))
                    .body("type", is(type))
                    .body("sentAt", notNullValue());
        }
        Api.operator("olga").body(Map.of("type", "SET_REPORT_INTERVAL", "arguments", Map.of("seconds", 30)))
                .when().post("/api/devices/{id}/commands", id)
                .then().statusCode(202)
                .body("type", is("SET_REPORT_INTERVAL"));

        List<SendCommandRequest> sent = devices.commands().stream().filter(c -> c.getDeviceId().equals(id)).toList();
        assertThat(sent).extracting(SendCommandRequest::getType).containsExactly(CommandType.COMMAND_TYPE_PING,
                CommandType.COMMAND_TYPE_LOCK_CARGO, CommandType.COMMAND_TYPE_UNLOCK_CARGO, CommandType.COMMAND_TYPE_SET_REPORT_INTERVAL);
        assertThat(sent.get(3).getArgumentsMap()).containsExactly(Map.entry("seconds", "30"));
        assertThat(sent.get(0).getArgumentsMap()).isEmpty();
    }

    @Test
    void badCommandsNameTheOffendingFieldAndReachNoDevice() {
        String id = device();
        expectInvalid(id, Map.of(), "type", "is required");
        expectInvalid(id, Map.of("type", "SELF_DESTRUCT"), "type", "must be one of PING, SET_REPORT_INTERVAL, LOCK_CARGO, UNLOCK_CARGO");
        expectInvalid(id, Map.of("type", "SET_REPORT_INTERVAL"), "arguments.seconds", "is required for SET_REPORT_INTERVAL");
        for (Object seconds : List.of(0, 3601, 30.5, "30", true, 99999999999L)) {
            expectInvalid(id, Map.of("type", "SET_REPORT_INTERVAL", "arguments", Map.of("seconds", seconds)),
                    "arguments.seconds", "must be a whole number from 1 to 3600");
        }
        expectInvalid(id, Map.of("type", "PING", "arguments", Map.of("seconds", 30)), "arguments.seconds", "is not an argument of PING");
        Map<String, Object> typo = new LinkedHashMap<>();
        typo.put("second", 30);
        Api.badRequestAs(Tokens.operator("olga")).contentType(ContentType.JSON).body(Map.of("type", "SET_REPORT_INTERVAL", "arguments", typo))
                .when().post("/api/devices/{id}/commands", id)
                .then().statusCode(400)
                .body("errors.field", contains("arguments.second", "arguments.seconds"))
                .body("errors.message", contains("is not an argument of SET_REPORT_INTERVAL", "is required for SET_REPORT_INTERVAL"));
        assertThat(devices.calls("command", id)).isZero();
    }

    @Test
    void aBodyThatIsNotACommandIs400() {
        String id = device();
        Api.badRequestAs(Tokens.operator("olga")).contentType(ContentType.JSON).body("{\"type\":").when().post("/api/devices/{id}/commands", id)
                .then().statusCode(400).contentType(PROBLEM).body("type", is("/problems/malformed-json"));
        Api.badRequestAs(Tokens.operator("olga")).contentType(ContentType.JSON).body("{\"type\":\"PING\",\"arguments\":[1]}")
                .when().post("/api/devices/{id}/commands", id)
                .then().statusCode(400).contentType(PROBLEM).body("type", is("/problems/malformed-json"));
        Api.badRequestAs(Tokens.operator("olga")).contentType(ContentType.JSON).when().post("/api/devices/{id}/commands", id)
                .then().statusCode(400).contentType(PROBLEM).body("type", is("/problems/validation")).body("errors.field", contains("body"));
        Api.badRequestAs(Tokens.operator("olga")).contentType(ContentType.TEXT).body("PING").when().post("/api/devices/{id}/commands", id)
                .then().statusCode(415).contentType(PROBLEM).body("type", is("/problems/unsupported-media-type"));
        assertThat(devices.calls("command", id)).isZero();
    }

    @Test
    void whatIotIngestRefusesIs400WithItsFields() {
        Api.operator("olga").body(Map.of("type", "LOCK_CARGO")).when().post("/api/devices/{id}/commands", FakeDeviceService.REJECTING_ID)
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("type", is("/problems/validation"))
                .body("errors[0].field", is("type"))
                .body("errors[0].message", is("this device has no cargo lock"));
    }

    @Test
    void anUnknownDeviceIs404() {
        Api.operator("olga").body(Map.of("type", "PING")).when().post("/api/devices/{id}/commands", "nobody-" + UUID.randomUUID())
                .then().statusCode(404)
                .contentType(PROBLEM)
                .body("type", is("/problems/not-found"))
                .body("detail", is("No such device"));
    }

    @Test
    void customersMayNotSendCommands() {
        String id = device();
        Api.customer("alice").body(Map.of("type", "PING")).when().post("/api/devices/{id}/commands", id)
                .then().statusCode(403)
                .contentType(PROBLEM)
                .body("type", is("/problems/forbidden"));
        assertThat(devices.calls("command", id)).isZero();
    }

    @Test
    void aCommandIsNotRetriedWhenIotIngestIsUnavailable() {
        Api.operator("olga").body(Map.of("type", "PING")).when().post("/api/devices/{id}/commands", FakeDeviceService.UNAVAILABLE_ID)
                .then().statusCode(503)
                .contentType(PROBLEM)
                .header("Retry-After", "2")
                .body("type", is("/problems/unavailable"));
        assertThat(devices.calls("command", FakeDeviceService.UNAVAILABLE_ID)).isEqualTo(1);
    }

    private void expectInvalid(String id, Map<String, Object> body, String field, String message) {
        Api.badRequestAs(Tokens.operator("olga")).contentType(ContentType.JSON).body(body).when().post("/api/devices/{id}/commands", id)
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("type", is("/problems/validation"))
                .body("errors.field", contains(field))
                .body("errors.message", contains(message));
    }

    private String device() {
        String id = "cmd-" + UUID.randomUUID();
        devices.register(id);
        return id;
    }
}
