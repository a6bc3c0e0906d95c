package dev.dispatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.dispatch.gateway.support.FakeDeviceService;
import dev.dispatch.gateway.support.FakeSensorService;
import dev.dispatch.gateway.support.GraphQL;
import dev.dispatch.gateway.support.Orders;
import dev.dispatch.proto.sensor.v1.ListSensorsRequest;
import dev.dispatch.testsupport.jwt.Tokens;
import io.quarkus.grpc.GrpcService;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Cargo sensors over GraphQL: Device.sensors batched into one ListSensors call per answer, the sensor query, the three
 * mutations with REST's rules and words, and the error codes; operators only.
 */
@QuarkusTest
class GraphQLSensorsTest {

    private static final String SENSOR = """
            query($id: ID!) { sensor(id: $id) {
              id courierDeviceId credentialsActive provisionedAt lastSeenAt boundOrderId
              config { reportIntervalSeconds maxTemperatureC maxShockG version }
              latest { temperatureC humidityPercent shockG batteryPercent orderId sensorTime receivedAt }
              readings(limit: 2) { temperatureC } } }""";
    private static final String PROVISION = """
            mutation($input: ProvisionSensorInput!) { provisionSensor(input: $input) {
              pskIdentity pskKey sensor { id courierDeviceId credentialsActive config { reportIntervalSeconds maxTemperatureC maxShockG version } } } }""";
    private static final String UPDATE = """
            mutation($input: UpdateSensorConfigInput!) { updateSensorConfig(input: $input) {
              id courierDeviceId config { reportIntervalSeconds maxTemperatureC maxShockG version } } }""";
    private static final String REVOKE = "mutation($id: ID!) { revokeSensor(id: $id) { id credentialsActive } }";

    @Inject
    @GrpcService
    FakeSensorService sensorService;

    @Inject
    @GrpcService
    FakeDeviceService deviceService;

    @Test
    void aPageOfDevicesCostsOneListSensorsCall() {
        int before = sensorService.calls("list");
        List<String> pageIds = GraphQL.as(Tokens.operator("olga"), "{ devices(first: 3) { nodes { id sensors { id } } } }")
                .then().statusCode(200)
                .body("errors", nullValue())
                .body("data.devices.nodes", hasSize(3))
                .extract().path("data.devices.nodes.id");
        assertThat(sensorService.calls("list") - before).isEqualTo(1);
        assertThat(lastList().getCourierDeviceIdsList()).containsExactlyInAnyOrderElementsOf(pageIds);
    }

    @Test
    void eachCourierOfAPageOfDeliveriesShowsItsOwnSensorsFromOneCall() {
        String customer = "gql-sensors-" + UUID.randomUUID();
        List<String> couriers = List.of("sb-a-" + UUID.randomUUID(), "sb-b-" + UUID.randomUUID(), "sb-c-" + UUID.randomUUID());
        couriers.forEach(deviceService::register);
        couriers.forEach(d -> Orders.dispatchedTo(customer, d));
        String a1 = "s-a1-" + UUID.randomUUID();
        String a2 = "s-a2-" + UUID.randomUUID();
        String b1 = "s-b1-" + UUID.randomUUID();
        sensorService.add(a1, couriers.get(0));
        sensorService.add(a2, couriers.get(0));
        sensorService.add(b1, couriers.get(1));
        sensorService.add("s-none-" + UUID.randomUUID(), "");
        sensorService.report(b1, 3.5, 40, 0.1, 99);

        int before = sensorService.calls("list");
        // The operator's newest three dispatched orders are these, newest first.
        GraphQL.as(Tokens.operator("olga"), """
                { orders(first: 3, status: DISPATCHED) { nodes { delivery { device { id
                    sensors { id courierDeviceId latest { temperatureC } config { version } } } } } } }""")
                .then().statusCode(200)
                .body("errors", nullValue())
                .body("data.orders.nodes.delivery.device.id", contains(couriers.get(2), couriers.get(1), couriers.get(0)))
                .body("data.orders.nodes[0].delivery.device.sensors", empty())
                .body("data.orders.nodes[1].delivery.device.sensors.id", contains(b1))
                .body("data.orders.nodes[1].delivery.device.sensors[0].latest.temperatureC", is(3.5f))
                .body("data.orders.nodes[2].delivery.device.sensors.id", containsInAnyOrder(a1, a2))
                .body("data.orders.nodes[2].delivery.device.sensors.courierDeviceId", everyItem(is(couriers.get(0))))
                .body("data.orders.nodes[2].delivery.device.sensors.config.version", everyItem(is(1)));
        assertThat(sensorService.calls("list") - before).isEqualTo(1);
        assertThat(lastList().getCourierDeviceIdsList()).containsExactlyInAnyOrderElementsOf(couriers);
    }

    @Test
    void sensorsNotSelectedCostNothing() {
        int before = sensorService.calls("list");
        GraphQL.as(Tokens.operator("olga"), "{ device(id: \"courier-7\") { id status } devices(first: 5) { nodes { id } } }")
                .then().statusCode(200)
                .body("errors", nullValue());
        assertThat(sensorService.calls("list")).isEqualTo(before);
    }

    @Test
    void aSensorWithItsConfigurationNewestReadingAndReadings() {
        String id = "gql-s-" + UUID.randomUUID();
        sensorService.add(id, "courier-7");
        String order = UUID.randomUUID().toString();
        sensorService.bind(id, order);
        for (int i = 1; i <= 3; i++) {
            sensorService.report(id, i, 50, 0.5, 90);
        }
        int readingCalls = sensorService.calls("readings", id);
        GraphQL.as(Tokens.operator("olga"), SENSOR, Map.of("id", id))
                .then().statusCode(200)
                .body("errors", nullValue())
                .body("data.sensor.id", is(id))
                .body("data.sensor.courierDeviceId", is("courier-7"))
                .body("data.sensor.credentialsActive", is(true))
                .body("data.sensor.provisionedAt", notNullValue())
                .body("data.sensor.lastSeenAt", notNullValue())
                .body("data.sensor.boundOrderId", is(order))
                .body("data.sensor.config.reportIntervalSeconds", is(300))
                .body("data.sensor.config.maxTemperatureC", is(8.0f))
                .body("data.sensor.config.maxShockG", is(4.0f))
                .body("data.sensor.config.version", is(1))
                .body("data.sensor.latest.temperatureC", is(3.0f))
                .body("data.sensor.latest.orderId", is(order))
                .body("data.sensor.latest.sensorTime", notNullValue())
                .body("data.sensor.readings.temperatureC", contains(3.0f, 2.0f));
        assertThat(sensorService.calls("readings", id) - readingCalls).isEqualTo(1);

        GraphQL.as(Tokens.operator("olga"), "query($id: ID!) { sensor(id: $id) { id readings(limit: 0) { temperatureC } } }", Map.of("id", id))
                .then().statusCode(200)
                .body("errors[0].extensions.code", is("BAD_USER_INPUT"))
                .body("errors[0].message", is("1 field is not valid: limit must be a whole number from 1 to 500"))
                .body("errors[0].path", contains("sensor", "readings"));
        assertThat(sensorService.calls("readings", id) - readingCalls).isEqualTo(1);
    }

    @Test
    void unknownSensorsAreNotFound() {
        GraphQL.as(Tokens.operator("olga"), SENSOR, Map.of("id", "nobody-" + UUID.randomUUID()))
                .then().statusCode(200)
                .body("data.sensor", nullValue())
                .body("errors[0].extensions.code", is("NOT_FOUND"))
                .body("errors[0].message", is("No such sensor"))
                .body("errors[0].path", contains("sensor"));
        String impossible = "not a sensor";
        for (String query : List.of(SENSOR, REVOKE)) {
            GraphQL.as(Tokens.operator("olga"), query, Map.of("id", impossible))
                    .then().statusCode(200)
                    .body("errors[0].extensions.code", is("NOT_FOUND"))
                    .body("errors[0].message", is("No such sensor"));
        }
        GraphQL.as(Tokens.operator("olga"), UPDATE, Map.of("input", Map.of("sensorId", impossible, "maxShockG", 2)))
                .then().statusCode(200)
                .body("errors[0].extensions.code", is("NOT_FOUND"));
        GraphQL.as(Tokens.operator("olga"), UPDATE, Map.of("input", Map.of("sensorId", "nobody-" + UUID.randomUUID(), "maxShockG", 2)))
                .then().statusCode(200)
                .body("errors[0].extensions.code", is("NOT_FOUND"))
                .body("errors[0].message", is("No such sensor"));
        GraphQL.as(Tokens.operator("olga"), REVOKE, Map.of("id", "nobody-" + UUID.randomUUID()))
                .then().statusCode(200)
                .body("errors[0].extensions.code", is("NOT_FOUND"));
        for (String method : List.of("get", "update", "revoke")) {
            assertThat(sensorService.calls(method, impossible)).as(method).isZero();
        }
    }

    @Test
    void provisioningAnswersTheKeyAndTakesRestsRules() {
        String id = "gql-p-" + UUID.randomUUID();
        GraphQL.as(Tokens.operator("olga"), PROVISION, Map.of("input", Map.of("sensorId", id, "courierDeviceId", "courier-7")))
                .then().statusCode(200)
                .body("errors", nullValue())
                .body("data.provisionSensor.pskIdentity", is(id))
                .body("data.provisionSensor.pskKey", matchesPattern("[A-Za-z0-9]{24}"))
                .body("data.provisionSensor.sensor.id", is(id))
                .body("data.provisionSensor.sensor.courierDeviceId", is("courier-7"))
                .body("data.provisionSensor.sensor.credentialsActive", is(true))
                .body("data.provisionSensor.sensor.config.reportIntervalSeconds", is(300));
        assertThat(sensorService.provisions().stream().filter(p -> p.getSensorId().equals(id)).toList()).singleElement()
                .satisfies(p -> assertThat(p.hasReportIntervalSeconds() || p.hasMaxTemperatureC() || p.hasMaxShockG()).isFalse());

        String tuned = "gql-p-" + UUID.randomUUID();
        GraphQL.as(Tokens.operator("olga"), PROVISION, Map.of("input",
                        Map.of("sensorId", tuned, "reportIntervalSeconds", 5, "maxTemperatureC", -40, "maxShockG", 0.1)))
                .then().statusCode(200)
                .body("errors", nullValue())
                .body("data.provisionSensor.sensor.courierDeviceId", nullValue())
                .body("data.provisionSensor.sensor.config.reportIntervalSeconds", is(5))
                .body("data.provisionSensor.sensor.config.maxTemperatureC", is(-40.0f))
                .body("data.provisionSensor.sensor.config.maxShockG", is(0.1f));
    }

    @Test
    void badProvisioningIsBadUserInputNamingEveryField() {
        int before = sensorService.calls("provision");
        Map<String, Object> bad = Map.of("sensorId", "not an id", "courierDeviceId", "", "reportIntervalSeconds", 86401,
                "maxTemperatureC", 90.0, "maxShockG", 0);
        GraphQL.as(Tokens.operator("olga"), PROVISION, Map.of("input", bad))
                .then().statusCode(200)
                .body("data.provisionSensor", nullValue())
                .body("errors[0].extensions.code", is("BAD_USER_INPUT"))
                .body("errors[0].message", is("5 fields are not valid: "
                        + "courierDeviceId must be 1 to 64 letters, digits, '.', '_', ':' or '-'; maxShockG must be between 0.1 and 100 g; "
                        + "maxTemperatureC must be between -40 and 85 degrees Celsius; reportIntervalSeconds must be a whole number from 5 to 86400; "
                        + "sensorId must be 1 to 64 letters, digits, '.', '_', ':' or '-'"));
        GraphQL.as(Tokens.operator("olga"), PROVISION, Map.of("input", Map.of("courierDeviceId", "courier-7")))
                .then().statusCode(200)
                .body("errors[0].extensions.code", is("BAD_USER_INPUT"))
                .body("errors[0].message", is("1 field is not valid: sensorId is required"));
        // A value of the wrong type does not fit the schema: refused before any resolver runs.
        // A value of the wrong kind is refused before any resolver runs, named by its path in the variables.
        GraphQL.as(Tokens.operator("olga"), PROVISION, Map.of("input", Map.of("sensorId", "tag-x", "reportIntervalSeconds", 30.5)))
                .then().statusCode(200)
                .body("data", nullValue())
                .body("errors[0].extensions.code", is("BAD_USER_INPUT"))
                .body("errors[0].message", is("1 field is not valid: input.reportIntervalSeconds must be a whole number (a 32-bit Int)"));
        assertThat(sensorService.calls("provision")).isEqualTo(before);
        // What only iot-ingest finds is BAD_USER_INPUT too, with its fields as the input names them.
        GraphQL.as(Tokens.operator("olga"), PROVISION, Map.of("input", Map.of("sensorId", FakeSensorService.REJECTING_ID, "courierDeviceId", "courier-7")))
                .then().statusCode(200)
                .body("errors[0].extensions.code", is("BAD_USER_INPUT"))
                .body("errors[0].message", is("1 field is not valid: courierDeviceId is no courier device this service knows"));
    }

    @Test
    void numbersInVariablesAreTakenAsTheirTypeSaysNotConverted() {
        int provisions = sensorService.calls("provision");
        Map<String, Object> input = new HashMap<>(Map.of("sensorId", "tag-x", "reportIntervalSeconds", "300", "maxTemperatureC", "8",
                "maxShockG", 1e10));
        GraphQL.as(Tokens.operator("olga"), PROVISION, Map.of("input", input))
                .then().statusCode(200)
                .body("data", nullValue())
                .body("errors", hasSize(1))
                .body("errors[0].extensions.code", is("BAD_USER_INPUT"))
                .body("errors[0].message", is("2 fields are not valid: input.maxTemperatureC must be a number; "
                        + "input.reportIntervalSeconds must be a whole number (a 32-bit Int)"));
        GraphQL.as(Tokens.operator("olga"), UPDATE, Map.of("input", Map.of("sensorId", "tag-x", "reportIntervalSeconds", 9_999_999_999L)))
                .then().statusCode(200)
                .body("errors[0].extensions.code", is("BAD_USER_INPUT"))
                .body("errors[0].message", is("1 field is not valid: input.reportIntervalSeconds must be a whole number (a 32-bit Int)"));
        assertThat(sensorService.calls("provision")).isEqualTo(provisions);
        // A whole number written with a fraction of zero is one.
        String id = "gql-n-" + UUID.randomUUID();
        GraphQL.as(Tokens.operator("olga"), PROVISION, Map.of("input", Map.of("sensorId", id, "reportIntervalSeconds", 60.0)))
                .then().statusCode(200)
                .body("errors", nullValue())
                .body("data.provisionSensor.sensor.config.reportIntervalSeconds", is(60));
        // The same for every Int argument, e.g. a device command's seconds (1 to 3600), which would otherwise be cut to 30.
        String device = "gql-n-" + UUID.randomUUID();
        deviceService.register(device);
        GraphQL.as(Tokens.operator("olga"), "mutation($id: ID!, $s: Int) { sendDeviceCommand(deviceId: $id, type: SET_REPORT_INTERVAL, "
                        + "seconds: $s) { commandId } }", Map.of("id", device, "s", 30.5))
                .then().statusCode(200)
                .body("errors[0].extensions.code", is("BAD_USER_INPUT"))
                .body("errors[0].message", is("1 field is not valid: s must be a whole number (a 32-bit Int)"));
        assertThat(deviceService.calls("command", device)).isZero();
    }

    @Test
    void aConfigChangeIsPartialAndAnEmptyOneIsBadUserInput() {
        String id = "gql-u-" + UUID.randomUUID();
        sensorService.add(id, "courier-7");
        GraphQL.as(Tokens.operator("olga"), UPDATE, Map.of("input", Map.of("sensorId", id, "maxTemperatureC", 6.5)))
                .then().statusCode(200)
                .body("errors", nullValue())
                .body("data.updateSensorConfig.courierDeviceId", is("courier-7"))
                .body("data.updateSensorConfig.config.maxTemperatureC", is(6.5f))
                .body("data.updateSensorConfig.config.maxShockG", is(4.0f))
                .body("data.updateSensorConfig.config.reportIntervalSeconds", is(300))
                .body("data.updateSensorConfig.config.version", is(2));
        assertThat(sensorService.updates().stream().filter(u -> u.getSensorId().equals(id)).toList()).singleElement()
                .satisfies(u -> {
                    assertThat(u.hasMaxTemperatureC()).isTrue();
                    assertThat(u.hasMaxShockG() || u.hasReportIntervalSeconds()).isFalse();
                    assertThat(u.getCourierDeviceId()).isEmpty();
                });
        GraphQL.as(Tokens.operator("olga"), UPDATE, Map.of("input", Map.of("sensorId", id, "courierDeviceId", "courier-8", "reportIntervalSeconds", 30)))
                .then().statusCode(200)
                .body("data.updateSensorConfig.courierDeviceId", is("courier-8"))
                .body("data.updateSensorConfig.config.reportIntervalSeconds", is(30))
                .body("data.updateSensorConfig.config.version", is(3));

        int before = sensorService.calls("update", id);
        GraphQL.as(Tokens.operator("olga"), UPDATE, Map.of("input", Map.of("sensorId", id)))
                .then().statusCode(200)
                .body("data.updateSensorConfig", nullValue())
                .body("errors[0].extensions.code", is("BAD_USER_INPUT"))
                .body("errors[0].message", is("1 field is not valid: input must set at least one of reportIntervalSeconds, maxTemperatureC, "
                        + "maxShockG or courierDeviceId"));
        Map<String, Object> bad = new HashMap<>(Map.of("sensorId", id, "reportIntervalSeconds", 4, "maxShockG", 100.5));
        GraphQL.as(Tokens.operator("olga"), UPDATE, Map.of("input", bad))
                .then().statusCode(200)
                .body("errors[0].extensions.code", is("BAD_USER_INPUT"))
                .body("errors[0].message", is("2 fields are not valid: maxShockG must be between 0.1 and 100 g; "
                        + "reportIntervalSeconds must be a whole number from 5 to 86400"));
        GraphQL.as(Tokens.operator("olga"), UPDATE, Map.of("input", Map.of("maxShockG", 2)))
                .then().statusCode(200)
                .body("errors[0].extensions.code", is("BAD_USER_INPUT"));
        assertThat(sensorService.calls("update", id)).isEqualTo(before);
    }

    @Test
    void revokingEndsTheCredentials() {
        String id = "gql-r-" + UUID.randomUUID();
        sensorService.add(id, "");
        GraphQL.as(Tokens.operator("olga"), REVOKE, Map.of("id", id))
                .then().statusCode(200)
                .body("errors", nullValue())
                .body("data.revokeSensor.id", is(id))
                .body("data.revokeSensor.credentialsActive", is(false));
    }

    @Test
    void sensorsAreForOperatorsOnly() {
        String id = "gql-f-" + UUID.randomUUID();
        sensorService.add(id, "courier-7");
        int before = totalCalls();
        String alice = Tokens.customer("alice");
        GraphQL.as(alice, SENSOR, Map.of("id", id))
                .then().statusCode(200)
                .body("data.sensor", nullValue())
                .body("errors[0].extensions.code", is("FORBIDDEN"))
                .body("errors[0].message", is("Only operators may do this"));
        GraphQL.as(alice, PROVISION, Map.of("input", Map.of("sensorId", id)))
                .then().statusCode(200)
                .body("errors[0].extensions.code", is("FORBIDDEN"));
        GraphQL.as(alice, UPDATE, Map.of("input", Map.of("sensorId", id, "maxShockG", 2)))
                .then().statusCode(200)
                .body("errors[0].extensions.code", is("FORBIDDEN"));
        GraphQL.as(alice, REVOKE, Map.of("id", id))
                .then().statusCode(200)
                .body("errors[0].extensions.code", is("FORBIDDEN"));
        GraphQL.as(Tokens.ofGroup("guest", "courier"), SENSOR, Map.of("id", id))
                .then().statusCode(200)
                .body("errors[0].extensions.code", is("FORBIDDEN"));
        GraphQL.as(null, SENSOR, Map.of("id", id))
                .then().statusCode(401)
                .body("errors[0].extensions.code", is("UNAUTHENTICATED"));
        assertThat(totalCalls()).isEqualTo(before);

        // A customer reaches a courier's device through their own order, but not its sensors: the rest of the order still resolves.
        String customer = "gql-f-" + UUID.randomUUID();
        String courier = "gql-fc-" + UUID.randomUUID();
        deviceService.register(courier);
        sensorService.add("gql-fs-" + UUID.randomUUID(), courier);
        String order = Orders.dispatchedTo(customer, courier);
        GraphQL.as(Tokens.customer(customer), "query($id: ID!) { order(id: $id) { id status delivery { deviceId device { id sensors { id } } } } }",
                        Map.of("id", order))
                .then().statusCode(200)
                .body("data.order.id", is(order))
                .body("data.order.status", is("DISPATCHED"))
                .body("data.order.delivery.deviceId", is(courier))
                .body("data.order.delivery.device", nullValue())
                .body("errors", hasSize(1))
                .body("errors[0].extensions.code", is("FORBIDDEN"))
                .body("errors[0].path", contains("order", "delivery", "device", "sensors"));
        assertThat(totalCalls()).isEqualTo(before);
    }

    @Test
    void aDownOrFailingSensorServiceHasItsCode() {
        GraphQL.as(Tokens.operator("olga"), SENSOR, Map.of("id", FakeSensorService.UNAVAILABLE_ID))
                .then().statusCode(200)
                .body("data.sensor", nullValue())
                .body("errors[0].extensions.code", is("UNAVAILABLE"))
                .body("errors[0].message", is("The sensor service is unavailable; try again shortly"));
        GraphQL.as(Tokens.operator("olga"), SENSOR, Map.of("id", FakeSensorService.BROKEN_ID))
                .then().statusCode(200)
                .body("errors[0].extensions.code", is("INTERNAL"))
                .body("errors[0].message", is("The sensor service failed; this was logged"))
                .body("errors[0].extensions.exception", nullValue());
        GraphQL.as(Tokens.operator("olga"), PROVISION, Map.of("input", Map.of("sensorId", FakeSensorService.UNAVAILABLE_ID)))
                .then().statusCode(200)
                .body("errors[0].extensions.code", is("UNAVAILABLE"));

        // A device whose sensors cannot be listed: the error sits at its sensors, and the device (whose sensors may not be null) with it.
        String courier = FakeSensorService.SENSORS_DOWN_COURIER;
        deviceService.register(courier);
        GraphQL.as(Tokens.operator("olga"), "query($id: ID!) { device(id: $id) { id sensors { id } } }", Map.of("id", courier))
                .then().statusCode(200)
                .body("data.device", nullValue())
                .body("errors[0].extensions.code", is("UNAVAILABLE"))
                .body("errors[0].message", containsString("The sensor service"))
                .body("errors[0].path", contains("device", "sensors"));
    }

    private ListSensorsRequest lastList() {
        List<ListSensorsRequest> lists = sensorService.lists();
        return lists.get(lists.size() - 1);
    }

    private int totalCalls() {
        return List.of("provision", "revoke", "get", "list", "update", "readings").stream().mapToInt(sensorService::calls).sum();
    }
}
