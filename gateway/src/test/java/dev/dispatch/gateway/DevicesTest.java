package dev.dispatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
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

/** GET /api/devices, /api/devices/{id} and /api/devices/{id}/telemetry: what operators see, and every error. */
@QuarkusTest
class DevicesTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    @GrpcService
    FakeDeviceService devices;

    @Test
    void anOperatorReadsADeviceWithItsNewestReadingAndOrder() {
        String id = device();
        devices.report(id, 52.50, 13.30, 7.0, 80);
        devices.report(id, 52.51, 13.31, 6.5, 79);
        String order = UUID.randomUUID().toString();
        devices.bind(id, order);
        Api.operator("olga").when().get("/api/devices/{id}", id)
                .then().statusCode(200)
                .body("id", is(id))
                .body("status", is("ONLINE"))
                .body("registeredAt", notNullValue())
                .body("lastSeenAt", notNullValue())
                .body("latest.latitude", is(52.51f))
                .body("latest.cargoTemperatureC", is(6.5f))
                .body("latest.batteryPercent", is(79.0f))
                .body("boundOrderId", is(order))
                .body("presence", is("away"));
    }

    @Test
    void theCouriersPresenceFollowsTheDevicesStatusAndOrder() {
        String id = device();
        Api.operator("olga").when().get("/api/devices/{id}", id).then().statusCode(200).body("presence", is("available"));
        devices.offline(id);
        Api.operator("olga").when().get("/api/devices/{id}", id).then().statusCode(200).body("presence", is("offline"));
        Api.operator("olga").queryParam("status", "OFFLINE").queryParam("limit", 100).when().get("/api/devices")
                .then().statusCode(200)
                .body("items.find { it.id == '" + id + "' }.presence", is("offline"));
    }

    @Test
    void aDeviceWithoutReadingsOrOrderLeavesThemOut() {
        String id = device();
        Api.operator("olga").when().get("/api/devices/{id}", id)
                .then().statusCode(200)
                .body("latest", nullValue())
                .body("boundOrderId", nullValue());
    }

    @Test
    void unknownDevicesAre404() {
        Api.operator("olga").when().get("/api/devices/{id}", "nobody-" + UUID.randomUUID())
                .then().statusCode(404)
                .contentType(PROBLEM)
                .body("type", is("/problems/not-found"))
                .body("detail", is("No such device"));
        // Not a possible device id: iot-ingest is not asked.
        String impossible = "no spaces allowed";
        Api.badRequestAs(Tokens.operator("olga")).when().get("/api/devices/{id}", impossible)
                .then().statusCode(404)
                .contentType(PROBLEM)
                .body("type", is("/problems/not-found"));
        assertThat(devices.calls("get", impossible)).isZero();
    }

    @Test
    void listsFilterByStatusAndPageWithACursor() {
        String first = "page-a-" + UUID.randomUUID();
        String second = "page-b-" + UUID.randomUUID();
        devices.register(first);
        devices.register(second);
        devices.offline(first);
        devices.offline(second);
        List<String> offline = Api.operator("olga").queryParam("status", "OFFLINE").queryParam("limit", 100).when().get("/api/devices")
                .then().statusCode(200)
                .body("items.status", everyItem(is("OFFLINE")))
                .body("items.id", hasItem(first))
                .body("items.id", hasItem(second))
                .extract().path("items.id");
        Api.operator("olga").queryParam("status", "ONLINE").queryParam("limit", 100).when().get("/api/devices")
                .then().statusCode(200)
                .body("items.id", not(hasItem(first)))
                .body("items.id", hasItem(FakeDeviceService.COURIER));

        String cursor = Api.operator("olga").queryParam("status", "OFFLINE").queryParam("limit", 1).when().get("/api/devices")
                .then().statusCode(200)
                .body("items.id", contains(offline.get(0)))
                .body("nextCursor", notNullValue())
                .extract().path("nextCursor");
        Api.operator("olga").queryParam("status", "OFFLINE").queryParam("limit", 1).queryParam("cursor", cursor).when().get("/api/devices")
                .then().statusCode(200)
                .body("items.id", contains(offline.get(1)));
    }

    @Test
    void badListParametersAreAllListed() {
        Api.badRequestAs(Tokens.operator("olga"))
                .queryParam("status", "LOST").queryParam("limit", "0").queryParam("cursor", "c".repeat(513))
                .when().get("/api/devices")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("type", is("/problems/validation"))
                .body("errors.field", containsInAnyOrder("status", "limit", "cursor"));
        for (String limit : List.of("101", "ten", "2.5", "-1")) {
            Api.badRequestAs(Tokens.operator("olga")).queryParam("limit", limit).when().get("/api/devices")
                    .then().statusCode(400)
                    .body("errors", hasSize(1))
                    .body("errors[0].field", is("limit"))
                    .body("errors[0].message", is("must be a whole number from 1 to 100"));
        }
        // A cursor iot-ingest did not give out: its INVALID_ARGUMENT is the client's 400.
        Api.operator("olga").queryParam("cursor", "forged").when().get("/api/devices")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("type", is("/problems/validation"));
    }

    @Test
    void telemetryIsNewestFirstAndLimited() {
        String id = device();
        for (int i = 1; i <= 5; i++) {
            devices.report(id, 52.0 + i / 100.0, 13.0, 5.0 + i, 100 - i);
        }
        Api.operator("olga").queryParam("limit", 3).when().get("/api/devices/{id}/telemetry", id)
                .then().statusCode(200)
                .body("deviceId", is(id))
                .body("items", hasSize(3))
                .body("items.cargoTemperatureC", contains(10.0f, 9.0f, 8.0f))
                .body("items[0].deviceTime", notNullValue())
                .body("items[0].receivedAt", notNullValue());
        Api.operator("olga").when().get("/api/devices/{id}/telemetry", id)
                .then().statusCode(200)
                .body("items", hasSize(5));
    }

    @Test
    void telemetryOfAKnownDeviceWithoutReadingsIsEmptyAndOfAnUnknownOne404() {
        String id = device();
        Api.operator("olga").when().get("/api/devices/{id}/telemetry", id)
                .then().statusCode(200)
                .body("items", empty());
        Api.operator("olga").when().get("/api/devices/{id}/telemetry", "nobody-" + UUID.randomUUID())
                .then().statusCode(404)
                .contentType(PROBLEM)
                .body("type", is("/problems/not-found"));
    }

    @Test
    void aBadTelemetryLimitIs400() {
        for (String limit : List.of("0", "501", "many")) {
            Api.badRequestAs(Tokens.operator("olga")).queryParam("limit", limit).when().get("/api/devices/{id}/telemetry", FakeDeviceService.COURIER)
                    .then().statusCode(400)
                    .contentType(PROBLEM)
                    .body("errors[0].field", is("limit"))
                    .body("errors[0].message", is("must be a whole number from 1 to 500"));
        }
    }

    @Test
    void customersMayNotReadDevices() {
        for (String path : List.of("/api/devices", "/api/devices/courier-7", "/api/devices/courier-7/telemetry")) {
            Api.customer("alice").when().get(path)
                    .then().statusCode(403)
                    .contentType(PROBLEM)
                    .body("type", is("/problems/forbidden"));
        }
        assertThat(devices.calls("get", "courier-7")).isZero();
    }

    @Test
    void readsAreRetriedWhileIotIngestIsUnavailableThen503() {
        Api.operator("olga").when().get("/api/devices/{id}", FakeDeviceService.UNAVAILABLE_ID)
                .then().statusCode(503)
                .contentType(PROBLEM)
                .header("Retry-After", "2")
                .body("type", is("/problems/unavailable"))
                .body("detail", is("The device service is unavailable; try again shortly"));
        assertThat(devices.calls("get", FakeDeviceService.UNAVAILABLE_ID)).isEqualTo(3);
        Api.operator("olga").when().get("/api/devices/{id}/telemetry", FakeDeviceService.UNAVAILABLE_ID)
                .then().statusCode(503)
                .header("Retry-After", "2")
                .body("type", is("/problems/unavailable"));
    }

    @Test
    void aSlowIotIngestIs503AfterTheDeadlineAndIsNotRetried() {
        Api.operator("olga").when().get("/api/devices/{id}", FakeDeviceService.SLOW_ID)
                .then().statusCode(503)
                .contentType(PROBLEM)
                .header("Retry-After", notNullValue())
                .body("type", is("/problems/unavailable"))
                .body("detail", is("The device service did not answer in time; try again shortly"));
        assertThat(devices.calls("get", FakeDeviceService.SLOW_ID)).isEqualTo(1);
    }

    @Test
    void aFailingIotIngestIs502() {
        Api.operator("olga").when().get("/api/devices/{id}", FakeDeviceService.BROKEN_ID)
                .then().statusCode(502)
                .contentType(PROBLEM)
                .body("type", is("/problems/bad-gateway"))
                .body("detail", is("The device service failed; this was logged"));
    }

    private String device() {
        String id = "dev-" + UUID.randomUUID();
        devices.register(id);
        return id;
    }
}
