package dev.dispatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.dispatch.gateway.support.Api;
import dev.dispatch.gateway.support.FakeSensorService;
import dev.dispatch.proto.sensor.v1.ProvisionSensorRequest;
import dev.dispatch.proto.sensor.v1.UpdateSensorConfigRequest;
import dev.dispatch.testsupport.jwt.Tokens;
import io.quarkus.grpc.GrpcService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * /api/sensors: provisioning (the key shown once, never cached), reads, partial configuration changes, revocation and
 * readings, for operators only; every bad field of every body and parameter, and what iot-ingest's failures become.
 */
@QuarkusTest
class SensorsTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String ID_RULE = "must be 1 to 64 letters, digits, '.', '_', ':' or '-'";
    private static final String INTERVAL_RULE = "must be a whole number from 5 to 86400";
    private static final String TEMPERATURE_RULE = "must be between -40 and 85 degrees Celsius";
    private static final String SHOCK_RULE = "must be between 0.1 and 100 g";
    private static final String CHANGE_RULE = "must set at least one of reportIntervalSeconds, maxTemperatureC, maxShockG or courierDeviceId";

    @Inject
    @GrpcService
    FakeSensorService sensors;

    @Test
    void provisioningAnswersTheKeyOnceWithLocationAndNoStore() {
        String id = "tag-" + UUID.randomUUID();
        String key = Api.operator("olga").body(Map.of("sensorId", id, "courierDeviceId", "courier-7")).when().post("/api/sensors")
                .then().statusCode(201)
                .header("Location", "/api/sensors/" + id)
                .header("Cache-Control", "no-store")
                .body("pskIdentity", is(id))
                .body("pskKey", matchesPattern("[A-Za-z0-9]{24}"))
                .body("sensor.id", is(id))
                .body("sensor.courierDeviceId", is("courier-7"))
                .body("sensor.credentialsActive", is(true))
                .body("sensor.provisionedAt", notNullValue())
                .body("sensor.config.reportIntervalSeconds", is(300))
                .body("sensor.config.maxTemperatureC", is(8.0f))
                .body("sensor.config.maxShockG", is(4.0f))
                .body("sensor.config.version", is(1))
                .body("sensor", not(hasKey("latest")))
                .extract().path("pskKey");
        // Left out is left unset, so that iot-ingest applies its defaults.
        assertThat(lastProvisionOf(id)).satisfies(request -> {
            assertThat(request.getCourierDeviceId()).isEqualTo("courier-7");
            assertThat(request.hasReportIntervalSeconds()).isFalse();
            assertThat(request.hasMaxTemperatureC()).isFalse();
            assertThat(request.hasMaxShockG()).isFalse();
        });
        // Read again, the sensor carries no key.
        String body = Api.operator("olga").when().get("/api/sensors/{id}", id)
                .then().statusCode(200)
                .header("Cache-Control", nullValue())
                .body("id", is(id))
                .extract().asString();
        assertThat(body).doesNotContain(key).doesNotContain("psk");
    }

    @Test
    void provisioningPassesEveryValueAndAgainIssuesANewKey() {
        String id = "tag-" + UUID.randomUUID();
        Map<String, Object> body = Map.of("sensorId", id, "reportIntervalSeconds", 60, "maxTemperatureC", 6.5, "maxShockG", 2.5);
        String first = Api.operator("olga").body(body).when().post("/api/sensors")
                .then().statusCode(201)
                .body("sensor.config.reportIntervalSeconds", is(60))
                .body("sensor.config.maxTemperatureC", is(6.5f))
                .body("sensor.config.maxShockG", is(2.5f))
                .body("sensor", not(hasKey("courierDeviceId")))
                .extract().path("pskKey");
        assertThat(lastProvisionOf(id)).satisfies(request -> {
            assertThat(request.getCourierDeviceId()).isEmpty();
            assertThat(request.getReportIntervalSeconds()).isEqualTo(60);
            assertThat(request.getMaxTemperatureC()).isEqualTo(6.5);
            assertThat(request.getMaxShockG()).isEqualTo(2.5);
        });
        String second = Api.operator("olga").body(Map.of("sensorId", id)).when().post("/api/sensors")
                .then().statusCode(201)
                .body("sensor.config.version", is(2))
                .extract().path("pskKey");
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void boundsAreInclusive() {
        for (Map<String, Object> config : List.of(
                Map.<String, Object>of("reportIntervalSeconds", 5, "maxTemperatureC", -40, "maxShockG", 0.1),
                Map.<String, Object>of("reportIntervalSeconds", 86400, "maxTemperatureC", 85, "maxShockG", 100))) {
            Map<String, Object> body = new HashMap<>(config);
            body.put("sensorId", "b".repeat(64 - 36) + UUID.randomUUID());
            Api.operator("olga").body(body).when().post("/api/sensors").then().statusCode(201);
        }
    }

    @Test
    void everyBadProvisioningFieldIsListedAndNothingIsProvisioned() {
        int before = sensors.calls("provision");
        Map<String, Object> bad = Map.of("sensorId", "not an id", "courierDeviceId", "", "reportIntervalSeconds", 4,
                "maxTemperatureC", 85.5, "maxShockG", 0.05);
        Api.badRequestAs(Tokens.operator("olga")).contentType(ContentType.JSON).body(bad).when().post("/api/sensors")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("type", is("/problems/validation"))
                .body("detail", is("5 fields are not valid"))
                .body("errors.field", contains("courierDeviceId", "maxShockG", "maxTemperatureC", "reportIntervalSeconds", "sensorId"))
                .body("errors.message", contains(ID_RULE, SHOCK_RULE, TEMPERATURE_RULE, INTERVAL_RULE, ID_RULE));

        expectProvisionInvalid(Map.of(), "sensorId", "is required");
        expectProvisionInvalid(Map.of("courierDeviceId", "courier-7"), "sensorId", "is required");
        for (String id : List.of("", "-starts-with-a-dash", "tag/1", "tag 1", "t".repeat(65))) {
            expectProvisionInvalid(Map.of("sensorId", id), "sensorId", ID_RULE);
        }
        for (String courier : List.of("", "courier 7", "c".repeat(65))) {
            expectProvisionInvalid(Map.of("sensorId", "tag-x", "courierDeviceId", courier), "courierDeviceId", ID_RULE);
        }
        for (int seconds : List.of(4, 0, -300, 86401)) {
            expectProvisionInvalid(Map.of("sensorId", "tag-x", "reportIntervalSeconds", seconds), "reportIntervalSeconds", INTERVAL_RULE);
        }
        for (double limit : List.of(-40.01, 85.01, -273.15, 1e9)) {
            expectProvisionInvalid(Map.of("sensorId", "tag-x", "maxTemperatureC", limit), "maxTemperatureC", TEMPERATURE_RULE);
        }
        for (double limit : List.of(0.09, 0.0, -1.0, 100.01)) {
            expectProvisionInvalid(Map.of("sensorId", "tag-x", "maxShockG", limit), "maxShockG", SHOCK_RULE);
        }
        assertThat(sensors.calls("provision")).isEqualTo(before);
    }

    @Test
    void aProvisioningBodyOfTheWrongShapeIs400() {
        int before = sensors.calls("provision");
        for (String body : List.of("{\"sensorId\":\"tag-x\",\"reportIntervalSeconds\":30.5}", "{\"sensorId\":\"tag-x\",\"reportIntervalSeconds\":1e12}",
                "{\"sensorId\":\"tag-x\",\"maxTemperatureC\":\"cold\"}", "{\"sensorId\":\"tag-x\",\"maxShockG\":[1]}",
                "{\"sensorId\":{\"id\":\"tag-x\"}}", "[{\"sensorId\":\"tag-x\"}]")) {
            Api.badRequestAs(Tokens.operator("olga")).contentType(ContentType.JSON).body(body).when().post("/api/sensors")
                    .then().statusCode(400)
                    .contentType(PROBLEM)
                    .body("type", is("/problems/malformed-json"));
        }
        Api.badRequestAs(Tokens.operator("olga")).contentType(ContentType.JSON).body("{\"sensorId\":\"tag-x\",\"reportIntervalSeconds\":30.5}")
                .when().post("/api/sensors")
                .then().statusCode(400)
                .body("detail", is("The value at 'reportIntervalSeconds' has the wrong type or shape"));
        Api.badRequestAs(Tokens.operator("olga")).contentType(ContentType.JSON).body("{\"sensorId\":").when().post("/api/sensors")
                .then().statusCode(400).contentType(PROBLEM).body("type", is("/problems/malformed-json"));
        Api.badRequestAs(Tokens.operator("olga")).contentType(ContentType.JSON).when().post("/api/sensors")
                .then().statusCode(400).contentType(PROBLEM).body("type", is("/problems/validation")).body("errors.field", contains("body"));
        Api.badRequestAs(Tokens.operator("olga")).contentType(ContentType.TEXT).body("tag-x").when().post("/api/sensors")
                .then().statusCode(415).contentType(PROBLEM).body("type", is("/problems/unsupported-media-type"));
        assertThat(sensors.calls("provision")).isEqualTo(before);
    }

    @Test
    void whatIotIngestRefusesIs400WithItsFieldsAsTheBodyNamesThem() {
        Api.operator("olga").body(Map.of("sensorId", FakeSensorService.REJECTING_ID, "courierDeviceId", "courier-7"))
                .when().post("/api/sensors")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("type", is("/problems/validation"))
                .body("errors[0].field", is("courierDeviceId"))
                .body("errors[0].message", is("is no courier device this service knows"));
    }

    @Test
    void aSensorShowsItsCourierNewestReadingAndOrder() {
        String id = "read-" + UUID.randomUUID();
        sensors.add(id, "courier-7");
        String order = UUID.randomUUID().toString();
        sensors.bind(id, order);
        sensors.report(id, 4.5, 61, 0.3, 88);
        sensors.report(id, 5.5, 60, 0.2, 87.5);
        Api.operator("olga").when().get("/api/sensors/{id}", id)
                .then().statusCode(200)
                .body("id", is(id))
                .body("courierDeviceId", is("courier-7"))
                .body("credentialsActive", is(true))
                .body("lastSeenAt", notNullValue())
                .body("latest.temperatureC", is(5.5f))
                .body("latest.humidityPercent", is(60.0f))
                .body("latest.shockG", is(0.2f))
                .body("latest.batteryPercent", is(87.5f))
                .body("latest.orderId", is(order))
                .body("latest.sensorTime", notNullValue())
                .body("boundOrderId", is(order));
        String loose = "loose-" + UUID.randomUUID();
        sensors.add(loose, "");
        Api.operator("olga").when().get("/api/sensors/{id}", loose)
                .then().statusCode(200)
                .body("$", not(hasKey("courierDeviceId")))
                .body("$", not(hasKey("latest")))
                .body("$", not(hasKey("lastSeenAt")))
                .body("$", not(hasKey("boundOrderId")));
    }

    @Test
    void listsAllSensorsOrThoseOfOneCourier() {
        String courier = "box-" + UUID.randomUUID();
        String a = "list-a-" + UUID.randomUUID();
        String b = "list-b-" + UUID.randomUUID();
        String elsewhere = "list-c-" + UUID.randomUUID();
        sensors.add(a, courier);
        sensors.add(b, courier);
        sensors.add(elsewhere, "courier-7");
        Api.operator("olga").queryParam("courierDeviceId", courier).when().get("/api/sensors")
                .then().statusCode(200)
                .body("items.id", containsInAnyOrder(a, b))
                .body("items.courierDeviceId", contains(courier, courier));
        assertThat(sensors.lists().get(sensors.lists().size() - 1).getCourierDeviceIdsList()).containsExactly(courier);
        Api.operator("olga").when().get("/api/sensors")
                .then().statusCode(200)
                .body("items.id", hasItems(a, b, elsewhere));
        Api.operator("olga").queryParam("courierDeviceId", "nobody-" + UUID.randomUUID()).when().get("/api/sensors")
                .then().statusCode(200)
                .body("items", empty());
    }

    @Test
    void aBadCourierFilterIs400AndAnEmptyOneIsNone() {
        for (String courier : List.of("courier 7", "-courier", "c".repeat(65))) {
            Api.badRequestAs(Tokens.operator("olga")).queryParam("courierDeviceId", courier).when().get("/api/sensors")
                    .then().statusCode(400)
                    .contentType(PROBLEM)
                    .body("type", is("/problems/validation"))
                    .body("errors.field", contains("courierDeviceId"))
                    .body("errors.message", contains(ID_RULE));
        }
        String id = "any-" + UUID.randomUUID();
        sensors.add(id, "courier-7");
        // Outside the documented pattern, so only the answer is checked against the contract.
        Api.badRequestAs(Tokens.operator("olga")).queryParam("courierDeviceId", "").when().get("/api/sensors")
                .then().statusCode(200)
                .body("items.id", hasItems(id));
    }

    @Test
    void unknownSensorsAre404AndImpossibleIdsAreNotAskedFor() {
        String unknown = "nobody-" + UUID.randomUUID();
        Api.operator("olga").when().get("/api/sensors/{id}", unknown).then().statusCode(404)
                .contentType(PROBLEM).body("type", is("/problems/not-found")).body("detail", is("No such sensor"));
        Api.operator("olga").body(Map.of("maxShockG", 2)).when().put("/api/sensors/{id}/config", unknown).then().statusCode(404)
                .body("detail", is("No such sensor"));
        Api.operator("olga").when().delete("/api/sensors/{id}/credentials", unknown).then().statusCode(404)
                .body("detail", is("No such sensor"));
        Api.operator("olga").when().get("/api/sensors/{id}/readings", unknown).then().statusCode(404)
                .body("detail", is("No such sensor"));

        String impossible = "no spaces allowed";
        Api.badRequestAs(Tokens.operator("olga")).when().get("/api/sensors/{id}", impossible).then().statusCode(404)
                .contentType(PROBLEM).body("type", is("/problems/not-found")).body("detail", is("No such sensor"));
        Api.badRequestAs(Tokens.operator("olga")).contentType(ContentType.JSON).body(Map.of("maxShockG", 2))
                .when().put("/api/sensors/{id}/config", impossible).then().statusCode(404);
        Api.badRequestAs(Tokens.operator("olga")).when().delete("/api/sensors/{id}/credentials", impossible).then().statusCode(404);
        Api.badRequestAs(Tokens.operator("olga")).when().get("/api/sensors/{id}/readings", impossible).then().statusCode(404);
        for (String method : List.of("get", "update", "revoke", "readings")) {
            assertThat(sensors.calls(method, impossible)).as(method).isZero();
        }
    }

    @Test
    void aConfigChangeIsPartialAndGrowsTheVersion() {
        String id = "cfg-" + UUID.randomUUID();
        sensors.add(id, "courier-7");
        Api.operator("olga").body(Map.of("maxShockG", 2.5)).when().put("/api/sensors/{id}/config", id)
                .then().statusCode(200)
                .body("id", is(id))
                .body("courierDeviceId", is("courier-7"))
                .body("config.maxShockG", is(2.5f))
                .body("config.maxTemperatureC", is(8.0f))
                .body("config.reportIntervalSeconds", is(300))
                .body("config.version", is(2));
        assertThat(lastUpdateOf(id)).satisfies(request -> {
            assertThat(request.hasMaxShockG()).isTrue();
            assertThat(request.hasMaxTemperatureC()).isFalse();
            assertThat(request.hasReportIntervalSeconds()).isFalse();
            assertThat(request.getCourierDeviceId()).isEmpty();
        });
        Api.operator("olga").body(Map.of("reportIntervalSeconds", 60, "maxTemperatureC", -18, "courierDeviceId", "courier-8"))
                .when().put("/api/sensors/{id}/config", id)
                .then().statusCode(200)
                .body("courierDeviceId", is("courier-8"))
                .body("config.reportIntervalSeconds", is(60))
                .body("config.maxTemperatureC", is(-18.0f))
                .body("config.maxShockG", is(2.5f))
                .body("config.version", is(3));
        assertThat(lastUpdateOf(id).getCourierDeviceId()).isEqualTo("courier-8");
    }

    @Test
    void aBadConfigChangeListsEveryFieldAndChangesNothing() {
        String id = "cfg-" + UUID.randomUUID();
        sensors.add(id, "");
        expectUpdateInvalid(id, "{}", "body", CHANGE_RULE);
        expectUpdateInvalid(id, "{\"unknown\":1}", "body", CHANGE_RULE);
        expectUpdateInvalid(id, "{\"reportIntervalSeconds\":null}", "body", CHANGE_RULE);
        expectUpdateInvalid(id, "{\"reportIntervalSeconds\":86401}", "reportIntervalSeconds", INTERVAL_RULE);
        expectUpdateInvalid(id, "{\"reportIntervalSeconds\":4}", "reportIntervalSeconds", INTERVAL_RULE);
        expectUpdateInvalid(id, "{\"maxTemperatureC\":-41}", "maxTemperatureC", TEMPERATURE_RULE);
        expectUpdateInvalid(id, "{\"maxTemperatureC\":86}", "maxTemperatureC", TEMPERATURE_RULE);
        expectUpdateInvalid(id, "{\"maxShockG\":0}", "maxShockG", SHOCK_RULE);
        expectUpdateInvalid(id, "{\"maxShockG\":101}", "maxShockG", SHOCK_RULE);
        expectUpdateInvalid(id, "{\"courierDeviceId\":\"\"}", "courierDeviceId", ID_RULE);
        Api.badRequestAs(Tokens.operator("olga")).contentType(ContentType.JSON)
                .body("{\"reportIntervalSeconds\":1,\"maxTemperatureC\":100,\"maxShockG\":-1,\"courierDeviceId\":\"a b\"}")
                .when().put("/api/sensors/{id}/config", id)
                .then().statusCode(400)
                .body("detail", is("4 fields are not valid"))
                .body("errors.field", contains("courierDeviceId", "maxShockG", "maxTemperatureC", "reportIntervalSeconds"));
        Api.badRequestAs(Tokens.operator("olga")).contentType(ContentType.JSON).when().put("/api/sensors/{id}/config", id)
                .then().statusCode(400).body("type", is("/problems/validation")).body("errors.field", contains("body"))
                .body("errors.message", contains("is required"));
        Api.badRequestAs(Tokens.operator("olga")).contentType(ContentType.JSON).body("{\"maxShockG\":\"hard\"}")
                .when().put("/api/sensors/{id}/config", id)
                .then().statusCode(400).body("type", is("/problems/malformed-json"))
                .body("detail", is("The value at 'maxShockG' has the wrong type or shape"));
        Api.badRequestAs(Tokens.operator("olga")).contentType(ContentType.TEXT).body("maxShockG=2").when().put("/api/sensors/{id}/config", id)
                .then().statusCode(415).body("type", is("/problems/unsupported-media-type"));
        assertThat(sensors.calls("update", id)).isZero();
    }

    @Test
    void revokingEndsTheCredentials() {
        String id = "rev-" + UUID.randomUUID();
        Api.operator("olga").body(Map.of("sensorId", id)).when().post("/api/sensors").then().statusCode(201);
        Api.operator("olga").when().delete("/api/sensors/{id}/credentials", id)
                .then().statusCode(200)
                .body("id", is(id))
                .body("credentialsActive", is(false));
        Api.operator("olga").when().get("/api/sensors/{id}", id)
                .then().statusCode(200)
                .body("credentialsActive", is(false));
        // Provisioning again issues a new, active key.
        Api.operator("olga").body(Map.of("sensorId", id)).when().post("/api/sensors")
                .then().statusCode(201)
                .body("sensor.credentialsActive", is(true));
    }

    @Test
    void readingsAreNewestFirstAndLimited() {
        String id = "rd-" + UUID.randomUUID();
        sensors.add(id, "courier-7");
        for (int i = 1; i <= 5; i++) {
            sensors.report(id, i, 50 + i, 0.1 * i, 100 - i);
        }
        Api.operator("olga").queryParam("limit", 3).when().get("/api/sensors/{id}/readings", id)
                .then().statusCode(200)
                .body("sensorId", is(id))
                .body("items", hasSize(3))
                .body("items.temperatureC", contains(5.0f, 4.0f, 3.0f))
                .body("items[0].humidityPercent", is(55.0f))
                .body("items[0].batteryPercent", is(95.0f))
                .body("items[0].sensorTime", notNullValue())
                .body("items[0].receivedAt", notNullValue())
                .body("items[0]", not(hasKey("orderId")));
        Api.operator("olga").when().get("/api/sensors/{id}/readings", id)
                .then().statusCode(200)
                .body("items", hasSize(5));
        String quiet = "rd-" + UUID.randomUUID();
        sensors.add(quiet, "");
        Api.operator("olga").when().get("/api/sensors/{id}/readings", quiet)
                .then().statusCode(200)
                .body("items", empty());
    }

    @Test
    void aBadReadingsLimitIs400() {
        int before = sensors.calls("readings");
        for (String limit : List.of("0", "501", "many", "2.5", "-1", "1000")) {
            Api.badRequestAs(Tokens.operator("olga")).queryParam("limit", limit).when().get("/api/sensors/{id}/readings", "tag-1")
                    .then().statusCode(400)
                    .contentType(PROBLEM)
                    .body("errors.field", contains("limit"))
                    .body("errors.message", contains("must be a whole number from 1 to 500"));
        }
        assertThat(sensors.calls("readings")).isEqualTo(before);
    }

    @Test
    void sensorsAreForOperatorsOnly() {
        String id = "own-" + UUID.randomUUID();
        sensors.add(id, "courier-7");
        int before = totalCalls();
        for (String path : List.of("/api/sensors", "/api/sensors/" + id, "/api/sensors/" + id + "/readings")) {
            Api.customer("alice").when().get(path)
                    .then().statusCode(403)
                    .contentType(PROBLEM)
                    .body("type", is("/problems/forbidden"));
        }
        Api.customer("alice").body(Map.of("sensorId", id)).when().post("/api/sensors")
                .then().statusCode(403).contentType(PROBLEM).body("type", is("/problems/forbidden"));
        Api.customer("alice").body(Map.of("maxShockG", 2)).when().put("/api/sensors/{id}/config", id)
                .then().statusCode(403).body("type", is("/problems/forbidden"));
        Api.customer("alice").when().delete("/api/sensors/{id}/credentials", id)
                .then().statusCode(403).body("type", is("/problems/forbidden"))
                .body("detail", is("Your role may not DELETE /api/sensors/" + id + "/credentials"));
        Api.as(Tokens.ofGroup("guest", "courier")).when().get("/api/sensors/{id}", id)
                .then().statusCode(403).body("type", is("/problems/forbidden"));
        Api.badRequestAs(null).when().get("/api/sensors/{id}", id)
                .then().statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .body("type", is("/problems/unauthorized"));
        Api.badRequestAs(Tokens.expired("olga")).contentType(ContentType.JSON).body(Map.of("sensorId", id)).when().post("/api/sensors")
                .then().statusCode(401)
                .body("type", is("/problems/unauthorized"));
        assertThat(totalCalls()).isEqualTo(before);
    }

    @Test
    void readsAreRetriedWhileIotIngestIsUnavailableThen503() {
        String down = FakeSensorService.UNAVAILABLE_ID;
        int gets = sensors.calls("get", down);
        Api.operator("olga").when().get("/api/sensors/{id}", down)
                .then().statusCode(503)
                .contentType(PROBLEM)
                .header("Retry-After", "2")
                .body("type", is("/problems/unavailable"))
                .body("detail", is("The sensor service is unavailable; try again shortly"));
        assertThat(sensors.calls("get", down) - gets).isEqualTo(3);
        int lists = sensors.calls("list", down);
        Api.operator("olga").queryParam("courierDeviceId", down).when().get("/api/sensors")
                .then().statusCode(503).header("Retry-After", "2").body("type", is("/problems/unavailable"));
        assertThat(sensors.calls("list", down) - lists).isEqualTo(3);
        int readings = sensors.calls("readings", down);
        Api.operator("olga").when().get("/api/sensors/{id}/readings", down)
                .then().statusCode(503).header("Retry-After", "2").body("type", is("/problems/unavailable"));
        assertThat(sensors.calls("readings", down) - readings).isEqualTo(3);
    }

    @Test
    void writesAreNotRetriedWhenIotIngestIsUnavailable() {
        String down = FakeSensorService.UNAVAILABLE_ID;
        int provisions = sensors.calls("provision", down);
        int updates = sensors.calls("update", down);
        int revocations = sensors.calls("revoke", down);
        Api.operator("olga").body(Map.of("sensorId", down)).when().post("/api/sensors")
                .then().statusCode(503).contentType(PROBLEM).header("Retry-After", "2").body("type", is("/problems/unavailable"));
        Api.operator("olga").body(Map.of("maxShockG", 3)).when().put("/api/sensors/{id}/config", down)
                .then().statusCode(503).header("Retry-After", "2").body("type", is("/problems/unavailable"));
        Api.operator("olga").when().delete("/api/sensors/{id}/credentials", down)
                .then().statusCode(503).header("Retry-After", "2").body("type", is("/problems/unavailable"));
        assertThat(sensors.calls("provision", down) - provisions).isEqualTo(1);
        assertThat(sensors.calls("update", down) - updates).isEqualTo(1);
        assertThat(sensors.calls("revoke", down) - revocations).isEqualTo(1);
    }

    @Test
    void aSlowIotIngestIs503AfterTheDeadlineAndIsNotRetried() {
        int before = sensors.calls("get", FakeSensorService.SLOW_ID);
        Api.operator("olga").when().get("/api/sensors/{id}", FakeSensorService.SLOW_ID)
                .then().statusCode(503)
                .contentType(PROBLEM)
                .header("Retry-After", notNullValue())
                .body("type", is("/problems/unavailable"))
                .body("detail", is("The sensor service did not answer in time; try again shortly"));
        assertThat(sensors.calls("get", FakeSensorService.SLOW_ID) - before).isEqualTo(1);
    }

    @Test
    void aFailingIotIngestIs502() {
        Api.operator("olga").when().get("/api/sensors/{id}", FakeSensorService.BROKEN_ID)
                .then().statusCode(502)
                .contentType(PROBLEM)
                .body("type", is("/problems/bad-gateway"))
                .body("detail", is("The sensor service failed; this was logged"));
        Api.operator("olga").body(Map.of("sensorId", FakeSensorService.BROKEN_ID)).when().post("/api/sensors")
                .then().statusCode(502)
                .body("type", is("/problems/bad-gateway"));
    }

    private void expectProvisionInvalid(Map<String, Object> body, String field, String message) {
        Api.badRequestAs(Tokens.operator("olga")).contentType(ContentType.JSON).body(body).when().post("/api/sensors")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("type", is("/problems/validation"))
                .body("errors.field", contains(field))
                .body("errors.message", contains(message));
    }

    private void expectUpdateInvalid(String id, String body, String field, String message) {
        Api.badRequestAs(Tokens.operator("olga")).contentType(ContentType.JSON).body(body).when().put("/api/sensors/{id}/config", id)
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("type", is("/problems/validation"))
                .body("errors.field", contains(field))
                .body("errors.message", contains(message));
    }

    private ProvisionSensorRequest lastProvisionOf(String id) {
        return sensors.provisions().stream().filter(p -> p.getSensorId().equals(id)).reduce((a, b) -> b).orElseThrow();
    }

    private UpdateSensorConfigRequest lastUpdateOf(String id) {
        return sensors.updates().stream().filter(u -> u.getSensorId().equals(id)).reduce((a, b) -> b).orElseThrow();
    }

    private int totalCalls() {
        return List.of("provision", "revoke", "get", "list", "update", "readings").stream().mapToInt(sensors::calls).sum();
    }
}
