package dev.dispatch.iot.coap;

import static dev.dispatch.iot.coap.CoapIngestTest.assertRefused;
import static dev.dispatch.iot.coap.CoapIngestTest.assertStored;
import static dev.dispatch.iot.coap.CoapIngestTest.json;
import static dev.dispatch.iot.support.Db.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.dispatch.iot.support.CoapSensor;
import dev.dispatch.iot.support.Metrics;
import dev.dispatch.iot.support.Operator;
import dev.dispatch.iot.support.Readings;
import dev.dispatch.iot.support.Sensors;
import dev.dispatch.iot.support.Wait;
import dev.dispatch.proto.sensor.v1.RevokeSensorRequest;
import dev.dispatch.proto.sensor.v1.SensorCredentials;
import dev.dispatch.proto.sensor.v1.SensorServiceGrpc;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * coaps with a pre-shared key per sensor: a wrong key or an unknown identity gets no answer at all (the handshake
 * fails silently, the client times out), a revoked or replaced key stops working for new and open sessions alike,
 * and a sensor's key is good for its own resources only.
 */
@QuarkusTest
class CoapSecurityTest {

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
    void aWrongKeyGetsNoAnswer() {
        String id = Sensors.newId("tag");
        SensorCredentials credentials = Sensors.provision(sensors, id, null);
        String wrong = credentials.getPskKey().substring(1) + (credentials.getPskKey().charAt(0) == 'A' ? 'B' : 'A');

        try (CoapSensor sensor = CoapSensor.secure(coap.securePort(), id, wrong)) {
            assertThat(post(sensor, id, CoapSensor.SILENCE)).as("no answer without the key").isNull();
        }
        assertThat(count("select count(*) from sensor_reading where sensor_id = '" + id + "'")).isZero();
    }

    @Test
    void anUnknownIdentityGetsNoAnswerAndIsCounted() {
        String id = Sensors.newId("stranger");
        double unknown = Metrics.coapRejected("unknown-identity");

        try (CoapSensor sensor = CoapSensor.secure(coap.securePort(), id, "AAAAAAAAAAAAAAAAAAAAAAAA")) {
            assertThat(post(sensor, id, CoapSensor.SILENCE)).isNull();
        }
        await().atMost(Wait.LONG).until(() -> Metrics.coapRejected("unknown-identity") >= unknown + 1);
    }

    @Test
    void aRevokedKeyEndsOpenSessionsAndNewHandshakesFail() {
        String id = Sensors.newId("tag");
        SensorCredentials credentials = Sensors.provision(sensors, id, null);

        try (CoapSensor sensor = CoapSensor.secure(coap.securePort(), id, credentials.getPskKey())) {
            assertStored(post(sensor, id, CoapSensor.ANSWER), 1);

            sensors.revokeSensor(RevokeSensorRequest.newBuilder().setSensorId(id).build());

            // The open session is ended (or, if this request was quicker than that, the revoked sensor is unknown now).
            CoapResponse afterRevocation = post(sensor, id, CoapSensor.SILENCE);
            assertThat(afterRevocation == null || afterRevocation.getCode() == ResponseCode.NOT_FOUND)
                    .as("no reading taken after the revocation: %s", afterRevocation).isTrue();
        }
        double unknown = Metrics.coapRejected("unknown-identity");
        try (CoapSensor again = CoapSensor.secure(coap.securePort(), id, credentials.getPskKey())) {
            assertThat(post(again, id, CoapSensor.SILENCE)).as("a new handshake with the revoked key").isNull();
        }
        await().atMost(Wait.LONG).until(() -> Metrics.coapRejected("unknown-identity") >= unknown + 1);
        assertThat(count("select count(*) from sensor_reading where sensor_id = '" + id + "'")).isEqualTo(1);
    }

    @Test
    void provisioningAgainReplacesTheKeyAndEndsTheSessionsUnderTheOldOne() {
        String id = Sensors.newId("tag");
        SensorCredentials first = Sensors.provision(sensors, id, null);

        try (CoapSensor open = CoapSensor.secure(coap.securePort(), id, first.getPskKey())) {
            assertStored(post(open, id, CoapSensor.ANSWER), 1);
            Sensors.provision(sensors, id, null);
            await().atMost(Wait.LONG).until(() -> post(open, id, CoapSensor.SILENCE) == null);
        }
        try (CoapSensor old = CoapSensor.secure(coap.securePort(), id, first.getPskKey())) {
            assertThat(post(old, id, CoapSensor.SILENCE)).isNull();
        }
        String current = Sensors.provision(sensors, id, null).getPskKey();
        try (CoapSensor sensor = CoapSensor.secure(coap.securePort(), id, current)) {
            assertStored(post(sensor, id, CoapSensor.ANSWER), 1);
        }
    }

    @Test
    void aSessionUnderTheCurrentKeyOutlivesTheLateNoticeOfThatKey() {
        String id = Sensors.newId("tag");
        SensorCredentials credentials = Sensors.provision(sensors, id, null);

        try (CoapSensor sensor = CoapSensor.secure(coap.securePort(), id, credentials.getPskKey())) {
            assertStored(post(sensor, id, CoapSensor.ANSWER), 1);
            // The provisioning's change notice, arriving after the sensor made its session with the new key (as it can
            // on a busy machine): it ends sessions under older keys only.
            coap.credentialsChanged(id);
            await().during(Duration.ofSeconds(4)).atMost(Wait.LONG).pollInterval(Duration.ofMillis(500))
                    .until(() -> post(sensor, id, CoapSensor.ANSWER) != null);
        }
    }

    @Test
    void aSensorsKeyIsForItsOwnResourcesOnly() {
        String mine = Sensors.newId("tag");
        String theirs = Sensors.newId("tag");
        SensorCredentials credentials = Sensors.provision(sensors, mine, null);
        Sensors.provision(sensors, theirs, null);
        double mismatches = Metrics.coapRejected("identity-mismatch");

        try (CoapSensor sensor = CoapSensor.secure(coap.securePort(), mine, credentials.getPskKey())) {
            assertRefused(post(sensor, theirs, CoapSensor.ANSWER), ResponseCode.FORBIDDEN, "the DTLS identity " + mine + " is not sensor " + theirs);
            assertRefused(sensor.get("/sensors/" + theirs + "/config", MediaTypeRegistry.UNDEFINED, CoapSensor.ANSWER), ResponseCode.FORBIDDEN,
                    "is not sensor " + theirs);
            assertStored(post(sensor, mine, CoapSensor.ANSWER), 1);
        }
        assertThat(count("select count(*) from sensor_reading where sensor_id = '" + theirs + "'")).isZero();
        assertThat(Metrics.coapRejected("identity-mismatch")).isEqualTo(mismatches + 2);
    }

    private static CoapResponse post(CoapSensor sensor, String sensorId, Duration timeout) {
        return sensor.post(sensorId, json(Readings.calm(null)), MediaTypeRegistry.APPLICATION_JSON, Type.CON, timeout);
    }
}
