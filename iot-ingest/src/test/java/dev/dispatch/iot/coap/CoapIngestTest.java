package dev.dispatch.iot.coap;

import static dev.dispatch.iot.support.Db.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import com.google.protobuf.util.Timestamps;

import dev.dispatch.iot.support.BrokerTest;
import dev.dispatch.iot.support.CoapSensor;
import dev.dispatch.iot.support.Metrics;
import dev.dispatch.iot.support.Operator;
import dev.dispatch.iot.support.OrderEvents;
import dev.dispatch.iot.support.Readings;
import dev.dispatch.iot.support.Sensors;
import dev.dispatch.iot.support.Wait;
import dev.dispatch.proto.sensor.v1.GetSensorRequest;
import dev.dispatch.proto.sensor.v1.ListSensorReadingsRequest;
import dev.dispatch.proto.sensor.v1.Sensor;
import dev.dispatch.proto.sensor.v1.SensorCredentials;
import dev.dispatch.proto.sensor.v1.SensorReading;
import dev.dispatch.proto.sensor.v1.SensorServiceGrpc;
import dev.dispatch.testsupport.postgres.PostgresTestResource;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;

/**
 * Readings over real UDP and DTLS from Californium's client: stored in both formats, confirmable or not, bound to the
 * courier's order, block-wise when large; every bad request gets its code, its counter, and touches nothing else.
 */
@QuarkusTest
class CoapIngestTest extends BrokerTest {

    private static final CBORMapper CBOR = new CBORMapper();

    @Inject
    SensorCoapServer coap;

    @GrpcClient("sensors")
    SensorServiceGrpc.SensorServiceBlockingStub anonymous;

    /** The client with the token the gateway sends for an operator. */
    private SensorServiceGrpc.SensorServiceBlockingStub sensors;

    @BeforeEach
    void callAsAnOperator() {
        sensors = Operator.calling(anonymous);
    }

    @Test
    void readingsOverCoapsInJsonAndCborConfirmableOrNotAreStoredWithTheCouriersOrder() throws Exception {
        String courier = Sensors.newId("courier");
        String orderId = UUID.randomUUID().toString();
        sendOrderEvent(OrderEvents.dispatched(orderId, "alice", courier, 52.53, 13.38, null));
        await().atMost(Wait.LONG).until(() -> count("select count(*) from order_binding where order_id = '" + orderId + "'") == 1);
        String id = Sensors.newId("tag");
        SensorCredentials credentials = Sensors.provision(sensors, id, courier);
        double storedBefore = Metrics.coapReadings();
        Instant t0 = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);

        try (CoapSensor sensor = CoapSensor.secure(coap.securePort(), id, credentials.getPskKey())) {
            assertStored(sensor.post(id, json(Readings.reading(t0, 4.5, 61, 0.3, 87.5)), MediaTypeRegistry.APPLICATION_JSON, Type.CON,
                    CoapSensor.ANSWER), 1);
            assertStored(sensor.post(id, cbor(Readings.reading(t0.plusSeconds(1), 4.6, 62, 0.4, 87)), MediaTypeRegistry.APPLICATION_CBOR,
                    Type.CON, CoapSensor.ANSWER), 1);
            CoapResponse non = sensor.post(id, json(Readings.reading(t0.plusSeconds(2), 4.7, 63, 0.5, 86.5)), MediaTypeRegistry.APPLICATION_JSON,
                    Type.NON, CoapSensor.ANSWER);
            assertStored(non, 1);
            assertThat(non.advanced().getType()).isEqualTo(Type.NON);
            assertStored(sensor.post(id, cbor(Readings.reading(t0.plusSeconds(3), 4.8, 64, 0.6, 86)), MediaTypeRegistry.APPLICATION_CBOR,
                    Type.NON, CoapSensor.ANSWER), 1);
            // The same reading again (a sensor that did not hear the answer): stored once.
            assertStored(sensor.post(id, cbor(Readings.reading(t0.plusSeconds(3), 4.8, 64, 0.6, 86)), MediaTypeRegistry.APPLICATION_CBOR,
                    Type.CON, CoapSensor.ANSWER), 0);
        }

        List<SensorReading> readings = sensors.listSensorReadings(ListSensorReadingsRequest.newBuilder().setSensorId(id).build()).getReadingsList();
        assertThat(readings).extracting(r -> Timestamps.toMillis(r.getSensorTime()))
                .containsExactly(t0.plusSeconds(3).toEpochMilli(), t0.plusSeconds(2).toEpochMilli(), t0.plusSeconds(1).toEpochMilli(),
                        t0.toEpochMilli());
        assertThat(readings).allSatisfy(r -> {
            assertThat(r.getSensorId()).isEqualTo(id);
            assertThat(r.getOrderId()).isEqualTo(orderId);
        });
        assertThat(readings.get(3)).satisfies(r -> {
            assertThat(r.getTemperatureC()).isEqualTo(4.5);
            assertThat(r.getHumidityPercent()).isEqualTo(61);
            assertThat(r.getShockG()).isEqualTo(0.3);
            assertThat(r.getBatteryPercent()).isEqualTo(87.5);
        });
        Sensor sensor = sensors.getSensor(GetSensorRequest.newBuilder().setSensorId(id).build());
        assertThat(sensor.getLatest()).isEqualTo(readings.get(0));
        assertThat(sensor.getBoundOrderId()).isEqualTo(orderId);
        assertThat(sensor.hasLastSeenAt()).isTrue();
        assertThat(Metrics.coapReadings()).isGreaterThanOrEqualTo(storedBefore + 4);
    }

    @Test
    void aBatchLargerThanADatagramGoesBlockWiseAndEveryReadingIsStored() {
        String id = Sensors.newId("tag");
        SensorCredentials credentials = Sensors.provision(sensors, id, null);
        Instant t0 = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        List<JsonObject> buffered = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            buffered.add(Readings.reading(t0.plusSeconds(60L * i), 3 + i / 20.0, 55, 0.2, 90 - i / 10.0));
        }
        byte[] body = Readings.json(buffered).getBytes(StandardCharsets.UTF_8);
        assertThat(body.length).isGreaterThan(4 * 1024);

        try (CoapSensor sensor = CoapSensor.secure(coap.securePort(), id, credentials.getPskKey())) {
            CoapResponse response = sensor.post(id, body, MediaTypeRegistry.APPLICATION_JSON, Type.CON, CoapSensor.ANSWER);
            assertStored(response, 60);
            assertThat(response.getOptions().hasBlock1()).as("answered the last of several blocks").isTrue();
        }
        assertThat(count("select count(*) from sensor_reading where sensor_id = '" + id + "'")).isEqualTo(60);
    }

    @Test
    void badRequestsGetTheirCodeAndCounterAndTheSensorGoesOn() {
        String id = Sensors.newId("tag");
        Sensors.provision(sensors, id, null);
        double malformed = Metrics.coapRejected("malformed");
        double invalid = Metrics.coapRejected("invalid-field");
        double format = Metrics.coapRejected("unsupported-format");
        double oversized = Metrics.coapRejected("oversized");
        double unknown = Metrics.coapRejected("unknown-sensor");

        try (CoapSensor sensor = CoapSensor.plain(coap.plainPort())) {
            assertRefused(sensor.postJson(id, "{\"temperatureC\":"), ResponseCode.BAD_REQUEST, "not JSON");
            assertRefused(sensor.postJson(id, "{\"temperatureC\":4,\"humidityPercent\":50,\"batteryPercent\":80}"), ResponseCode.BAD_REQUEST,
                    "shockG is missing");
            assertRefused(sensor.postJson(id, "[{\"temperatureC\":4,\"humidityPercent\":50,\"shockG\":0.1,\"batteryPercent\":80},"
                    + "{\"temperatureC\":90,\"humidityPercent\":50,\"shockG\":0.1,\"batteryPercent\":80}]"), ResponseCode.BAD_REQUEST,
                    "readings[1].temperatureC 90 is outside -40..85");
            assertRefused(sensor.post(id, json(Readings.calm(null)), MediaTypeRegistry.TEXT_PLAIN, Type.CON, CoapSensor.ANSWER),
                    ResponseCode.UNSUPPORTED_CONTENT_FORMAT, "Content-Format must be 50");
            assertRefused(sensor.post(id, json(Readings.calm(null)), MediaTypeRegistry.UNDEFINED, Type.CON, CoapSensor.ANSWER),
                    ResponseCode.UNSUPPORTED_CONTENT_FORMAT, "not none");
            byte[] huge = new byte[16 * 1024 + 1];
            Arrays.fill(huge, (byte) ' ');
            huge[0] = '[';
            huge[huge.length - 1] = ']';
            CoapResponse tooLarge = sensor.post(id, huge, MediaTypeRegistry.APPLICATION_JSON, Type.CON, CoapSensor.ANSWER);
            assertThat(tooLarge).isNotNull();
            assertThat(tooLarge.getCode()).isEqualTo(ResponseCode.REQUEST_ENTITY_TOO_LARGE);
            assertRefused(sensor.postJson(Sensors.newId("never-provisioned"), json(Readings.calm(null))), ResponseCode.NOT_FOUND, "no such sensor");
            assertRefused(sensor.post("bad!id", json(Readings.calm(null)), MediaTypeRegistry.APPLICATION_JSON, Type.CON, CoapSensor.ANSWER),
                    ResponseCode.NOT_FOUND, "no such sensor");

            // None of it changed anything: the sensor's next reading is taken.
            assertStored(sensor.postJson(id, json(Readings.calm(null))), 1);
        }
        assertThat(count("select count(*) from sensor_reading where sensor_id = '" + id + "'")).isEqualTo(1);
        assertThat(Metrics.coapRejected("malformed")).isEqualTo(malformed + 1);
        assertThat(Metrics.coapRejected("invalid-field")).isEqualTo(invalid + 2);
        assertThat(Metrics.coapRejected("unsupported-format")).isEqualTo(format + 2);
        assertThat(Metrics.coapRejected("oversized")).isEqualTo(oversized + 1);
        assertThat(Metrics.coapRejected("unknown-sensor")).isEqualTo(unknown + 2);
    }

    @Test
    void aFloodIsRefusedForThatSensorWhileAnotherIsServed() {
        String noisy = Sensors.newId("noisy");
        String quiet = Sensors.newId("quiet");
        Sensors.provision(sensors, noisy, null);
        Sensors.provision(sensors, quiet, null);
        double limited = Metrics.coapRejected("rate-limited");
        Instant t0 = Instant.now().minusSeconds(120).truncatedTo(ChronoUnit.SECONDS);

        try (CoapSensor sensor = CoapSensor.plain(coap.plainPort())) {
            // Twenty at once: all within the limit.
            List<CoapResponse> answers = new CopyOnWriteArrayList<>();
            for (int i = 0; i < 20; i++) {
                Request request = Request.newPost();
                request.setPayload(json(Readings.calm(t0.plusSeconds(i))));
                request.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_JSON);
                sensor.client("/sensors/" + noisy + "/readings", CoapSensor.ANSWER).advanced(collect(answers), request);
            }
            await().atMost(Wait.LONG).until(() -> answers.size() == 20);
            assertThat(answers).extracting(CoapResponse::getCode).containsOnly(ResponseCode.CHANGED);

            CoapResponse refused = sensor.postJson(noisy, json(Readings.calm(t0.plusSeconds(20))));
            assertRefused(refused, ResponseCode.TOO_MANY_REQUESTS, "too many requests from sensor " + noisy);
            assertThat(refused.getOptions().getMaxAge()).isBetween(1L, 10L);

            assertStored(sensor.postJson(quiet, json(Readings.calm(t0))), 1);
        }
        assertThat(count("select count(*) from sensor_reading where sensor_id = '" + noisy + "'")).isEqualTo(20);
        assertThat(Metrics.coapRejected("rate-limited")).isEqualTo(limited + 1);
    }

    @Test
    void withTheDatabaseAwayAReadingIsRefusedForNowAndTakenOnceItIsBack() {
        String id = Sensors.newId("tag");
        Sensors.provision(sensors, id, null);
        double unavailable = Metrics.coapRejected("unavailable");

        try (CoapSensor sensor = CoapSensor.plain(coap.plainPort())) {
            PostgresTestResource.proxy().cut();
            try {
                CoapResponse refused = sensor.postJson(id, json(Readings.calm(null)));
                assertRefused(refused, ResponseCode.SERVICE_UNAVAILABLE, "the database cannot be reached");
                assertThat(refused.getOptions().getMaxAge()).isEqualTo(5L);
            } finally {
                PostgresTestResource.proxy().restore();
            }
            await().atMost(Wait.LONG).until(() -> {
                CoapResponse again = sensor.postJson(id, json(Readings.calm(null)));
                return again != null && again.getCode() == ResponseCode.CHANGED;
            });
        }
        assertThat(Metrics.coapRejected("unavailable")).isGreaterThanOrEqualTo(unavailable + 1);
        assertThat(count("select count(*) from sensor_reading where sensor_id = '" + id + "'")).isEqualTo(1);
    }

    @Test
    void discoveryListsTheSensorsResources() {
        String id = Sensors.newId("tag");
        Sensors.provision(sensors, id, null);

        try (CoapSensor sensor = CoapSensor.plain(coap.plainPort())) {
            await().atMost(Wait.LONG).untilAsserted(() -> {
                CoapResponse response = sensor.get("/.well-known/core", MediaTypeRegistry.UNDEFINED, CoapSensor.ANSWER);
                assertThat(response.getCode()).isEqualTo(ResponseCode.CONTENT);
                assertThat(response.getOptions().getContentFormat()).isEqualTo(MediaTypeRegistry.APPLICATION_LINK_FORMAT);
                Map<String, String> links = links(response.getResponseText());
                assertThat(links.get("</sensors>")).contains("title=\"cargo sensors\"");
                assertThat(links.get("</sensors/" + id + "/readings>")).contains("rt=\"dispatch.sensor.readings\"").contains("ct=\"50 60\"");
                assertThat(links.get("</sensors/" + id + "/config>")).contains("rt=\"dispatch.sensor.config\"").contains("ct=\"50 60\"")
                        .contains(";obs");
            });
        }
    }

    private static Map<String, String> links(String linkFormat) {
        Map<String, String> links = new java.util.HashMap<>();
        for (String link : linkFormat.split(",")) {
            int end = link.indexOf('>');
            links.put(link.substring(0, end + 1), link.substring(end + 1));
        }
        return links;
    }

    private static CoapHandler collect(List<CoapResponse> answers) {
        return new CoapHandler() {
            @Override
            public void onLoad(CoapResponse response) {
                answers.add(response);
            }

            @Override
            public void onError() {
                // counted by its absence
            }
        };
    }

    static void assertStored(CoapResponse response, int count) {
        assertThat(response).as("an answer").isNotNull();
        assertThat(response.getCode()).as(response.getResponseText()).isEqualTo(ResponseCode.CHANGED);
        assertThat(response.getResponseText()).isEqualTo(Integer.toString(count));
    }

    static void assertRefused(CoapResponse response, ResponseCode code, String diagnostic) {
        assertThat(response).as("an answer").isNotNull();
        assertThat(response.getCode()).as(response.getResponseText()).isEqualTo(code);
        assertThat(response.getOptions().getContentFormat()).isEqualTo(MediaTypeRegistry.TEXT_PLAIN);
        assertThat(response.getResponseText()).contains(diagnostic);
    }

    static byte[] json(JsonObject reading) {
        return reading.encode().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] cbor(JsonObject reading) throws Exception {
        return CBOR.writeValueAsBytes(reading.getMap());
    }
}
