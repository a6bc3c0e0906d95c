package dev.dispatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.dispatch.gateway.support.Api;
import dev.dispatch.gateway.support.FakeDeviceService;
import dev.dispatch.testsupport.jwt.Tokens;
import io.quarkus.grpc.GrpcService;
import io.quarkus.test.junit.QuarkusTest;

/**
 * POST and DELETE /api/devices/{id}/credentials (issue #16): a device's own MQTT login, issued (the password shown once,
 * never cached) and revoked, for operators only; and what iot-ingest's failures become.
 */
@QuarkusTest
class DeviceCredentialsTest {

    private static final String PROBLEM = "application/problem+json";
    /** What curl sends: a revocation's 204 has no body, so the contract has no application/json answer for it. */
    private static final String ANY = "*/*";

    @Inject
    @GrpcService
    FakeDeviceService devices;

    @Test
    void issuingAnswersThePasswordOnceWithLocationAndNoStore() {
        String id = device();
        int before = devices.calls("issue", id);
        String password = Api.operator("olga").when().post("/api/devices/{id}/credentials", id)
                .then().statusCode(201)
                .header("Location", "/api/devices/" + id)
                .header("Cache-Control", "no-store")
                .body("deviceId", is(id))
                .body("username", is(id))
                .body("password", matchesPattern("[A-Za-z0-9]{32}"))
                .extract().path("password");
        assertThat(devices.calls("issue", id) - before).isEqualTo(1);
        // Read again, the device says its credentials are active, and carries no password.
        String body = Api.operator("olga").when().get("/api/devices/{id}", id)
                .then().statusCode(200)
                .header("Cache-Control", nullValue())
                .body("credentialsActive", is(true))
                .extract().asString();
        assertThat(body).doesNotContain(password).doesNotContain("password");
    }

    @Test
    void issuingForANewDeviceRegistersItAndAgainGivesANewPassword() {
        String id = "new-" + UUID.randomUUID();
        String first = Api.operator("olga").when().post("/api/devices/{id}/credentials", id)
                .then().statusCode(201).extract().path("password");
        Api.operator("olga").when().get("/api/devices/{id}", id)
                .then().statusCode(200)
                .body("status", is("OFFLINE"))
                .body("presence", is("offline"))
                .body("credentialsActive", is(true));
        String second = Api.operator("olga").when().post("/api/devices/{id}/credentials", id)
                .then().statusCode(201).extract().path("password");
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void revokingIs204AndTheDeviceSaysSo() {
        String id = device();
        Api.operator("olga").when().post("/api/devices/{id}/credentials", id).then().statusCode(201);
        Api.operator("olga").accept(ANY).when().delete("/api/devices/{id}/credentials", id)
                .then().statusCode(204)
                .body(emptyString());
        Api.operator("olga").when().get("/api/devices/{id}", id)
                .then().statusCode(200)
                .body("credentialsActive", is(false));
        // Again: still 204, nothing changes.
        Api.operator("olga").accept(ANY).when().delete("/api/devices/{id}/credentials", id).then().statusCode(204);
    }

    @Test
    void unknownDevicesAre404AndImpossibleIdsAreNotAskedFor() {
        Api.operator("olga").accept(ANY).when().delete("/api/devices/{id}/credentials", "nobody-" + UUID.randomUUID())
                .then().statusCode(404)
                .contentType(PROBLEM)
                .body("type", is("/problems/not-found"))
                .body("detail", is("No such device"));
        String impossible = "no spaces allowed";
        Api.badRequestAs(Tokens.operator("olga")).when().post("/api/devices/{id}/credentials", impossible)
                .then().statusCode(404).contentType(PROBLEM).body("detail", is("No such device"));
        Api.badRequestAs(Tokens.operator("olga")).when().delete("/api/devices/{id}/credentials", impossible)
                .then().statusCode(404).contentType(PROBLEM).body("detail", is("No such device"));
        assertThat(devices.calls("issue", impossible)).isZero();
        assertThat(devices.calls("revoke", impossible)).isZero();
    }

    @Test
    void credentialsAreForOperatorsOnly() {
        String id = device();
        int issued = devices.calls("issue");
        int revoked = devices.calls("revoke");
        Api.customer("alice").when().post("/api/devices/{id}/credentials", id)
                .then().statusCode(403).contentType(PROBLEM).body("type", is("/problems/forbidden"));
        Api.customer("alice").accept(ANY).when().delete("/api/devices/{id}/credentials", id)
                .then().statusCode(403).body("type", is("/problems/forbidden"))
                .body("detail", is("Your role may not DELETE /api/devices/" + id + "/credentials"));
        // Not even the courier carrying the device gets its password from here.
        Api.as(Tokens.ofGroup(id, "courier")).when().post("/api/devices/{id}/credentials", id)
                .then().statusCode(403).body("type", is("/problems/forbidden"));
        Api.badRequestAs(null).when().post("/api/devices/{id}/credentials", id)
                .then().statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .body("type", is("/problems/unauthorized"));
        Api.badRequestAs(Tokens.expired("olga")).when().delete("/api/devices/{id}/credentials", id)
                .then().statusCode(401).body("type", is("/problems/unauthorized"));
        assertThat(devices.calls("issue")).isEqualTo(issued);
        assertThat(devices.calls("revoke")).isEqualTo(revoked);
    }

    @Test
    void neitherIsRetriedWhenIotIngestIsUnavailable() {
        String down = FakeDeviceService.UNAVAILABLE_ID;
        int issued = devices.calls("issue", down);
        int revoked = devices.calls("revoke", down);
        for (String method : List.of("post", "delete")) {
            Api.operator("olga").accept(ANY).when().request(method, "/api/devices/{id}/credentials", down)
                    .then().statusCode(503)
                    .contentType(PROBLEM)
                    .header("Retry-After", "2")
                    .body("type", is("/problems/unavailable"))
                    .body("detail", is("The device service is unavailable; try again shortly"));
        }
        assertThat(devices.calls("issue", down) - issued).isEqualTo(1);
        assertThat(devices.calls("revoke", down) - revoked).isEqualTo(1);
    }

    @Test
    void aFailingIotIngestIs502() {
        Api.operator("olga").when().post("/api/devices/{id}/credentials", FakeDeviceService.BROKEN_ID)
                .then().statusCode(502)
                .contentType(PROBLEM)
                .body("type", is("/problems/bad-gateway"))
                .body("detail", is("The device service failed; this was logged"));
        Api.operator("olga").accept(ANY).when().delete("/api/devices/{id}/credentials", FakeDeviceService.BROKEN_ID)
                .then().statusCode(502)
                .body("type", is("/problems/bad-gateway"));
    }

    /** A device that spoke MQTT, without credentials of its own. */
    private String device() {
        String id = "cred-" + UUID.randomUUID();
        devices.register(id);
        return id;
    }
}
