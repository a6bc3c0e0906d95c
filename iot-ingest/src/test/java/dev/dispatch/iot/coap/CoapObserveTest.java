package dev.dispatch.iot.coap;

import static dev.dispatch.iot.coap.CoapIngestTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapObserveRelation;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;

import dev.dispatch.iot.support.CoapSensor;
import dev.dispatch.iot.support.Operator;
import dev.dispatch.iot.support.Sensors;
import dev.dispatch.iot.support.Wait;
import dev.dispatch.proto.sensor.v1.RevokeSensorRequest;
import dev.dispatch.proto.sensor.v1.SensorCredentials;
import dev.dispatch.proto.sensor.v1.SensorServiceGrpc;
import dev.dispatch.proto.sensor.v1.UpdateSensorConfigRequest;
import dev.dispatch.testsupport.contracts.Contracts;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;

/** A sensor observes its configuration (RFC 7641): an operator's change over gRPC is pushed to it; revocation ends it. */
@QuarkusTest
class CoapObserveTest {

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
    void anObservingSensorGetsEveryChangePushedUntilItIsRevoked() {
        String id = Sensors.newId("tag");
        SensorCredentials credentials = Sensors.provision(sensors, id, null);
        List<CoapResponse> notifications = new CopyOnWriteArrayList<>();

        try (CoapSensor sensor = CoapSensor.secure(coap.securePort(), id, credentials.getPskKey())) {
            CoapClient client = sensor.client("/sensors/" + id + "/config", CoapSensor.ANSWER);
            CoapObserveRelation relation = client.observe(new CoapHandler() {
                @Override
                public void onLoad(CoapResponse response) {
                    notifications.add(response);
                }

                @Override
                public void onError() {
                    // an absent notification fails the awaits below
                }
            });
            await().atMost(Wait.LONG).until(() -> notifications.size() == 1);
            assertThat(config(notifications.get(0))).isEqualTo(new JsonObject(
                    "{\"reportIntervalSeconds\":300,\"maxTemperatureC\":8.0,\"maxShockG\":4.0,\"version\":1}"));
            assertThat(notifications.get(0).getOptions().hasObserve()).isTrue();

            sensors.updateSensorConfig(UpdateSensorConfigRequest.newBuilder().setSensorId(id).setMaxTemperatureC(5.5).build());
            await().atMost(Wait.LONG).until(() -> notifications.size() == 2);
            assertThat(config(notifications.get(1))).isEqualTo(new JsonObject(
                    "{\"reportIntervalSeconds\":300,\"maxTemperatureC\":5.5,\"maxShockG\":4.0,\"version\":2}"));

            sensors.updateSensorConfig(UpdateSensorConfigRequest.newBuilder().setSensorId(id).setReportIntervalSeconds(60).build());
            await().atMost(Wait.LONG).until(() -> notifications.size() == 3);
            assertThat(config(notifications.get(2)).getInteger("reportIntervalSeconds")).isEqualTo(60);
            assertThat(config(notifications.get(2)).getLong("version")).isEqualTo(3);

            sensors.revokeSensor(RevokeSensorRequest.newBuilder().setSensorId(id).build());
            await().atMost(Wait.LONG).until(relation::isCanceled);
        }
    }

    @Test
    void theConfigurationInCborOnlyJsonOrCborAndOnlyForKnownSensors() throws Exception {
        String id = Sensors.newId("tag");
        Sensors.provision(sensors, id, null);

        try (CoapSensor sensor = CoapSensor.plain(coap.plainPort())) {
            CoapResponse cbor = sensor.get("/sensors/" + id + "/config", MediaTypeRegistry.APPLICATION_CBOR, CoapSensor.ANSWER);
            assertThat(cbor.getCode()).isEqualTo(ResponseCode.CONTENT);
            assertThat(cbor.getOptions().getContentFormat()).isEqualTo(MediaTypeRegistry.APPLICATION_CBOR);
            JsonNode decoded = new CBORMapper().readTree(cbor.getPayload());
            Contracts.assertValid("coap/config.json", decoded);
            assertThat(decoded.get("version").asLong()).isEqualTo(1);
            assertThat(decoded.get("maxShockG").asDouble()).isEqualTo(4.0);

            assertRefused(sensor.get("/sensors/" + id + "/config", MediaTypeRegistry.TEXT_PLAIN, CoapSensor.ANSWER), ResponseCode.NOT_ACCEPTABLE,
                    "Accept must be 50");
            assertRefused(sensor.get("/sensors/" + Sensors.newId("never") + "/config", MediaTypeRegistry.UNDEFINED, CoapSensor.ANSWER),
                    ResponseCode.NOT_FOUND, "no such sensor");
        }
    }

    private static JsonObject config(CoapResponse response) {
        assertThat(response.getCode()).isEqualTo(ResponseCode.CONTENT);
        assertThat(response.getOptions().getContentFormat()).isEqualTo(MediaTypeRegistry.APPLICATION_JSON);
        Contracts.assertValid("coap/config.json", response.getResponseText());
        return new JsonObject(response.getResponseText());
    }
}
