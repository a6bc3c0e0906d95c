package dev.dispatch.gateway.backend;

import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;

import dev.dispatch.gateway.config.GatewayConfig;
import dev.dispatch.platform.grpc.BearerToken;
import dev.dispatch.platform.identity.CallerIdentity;
import dev.dispatch.platform.identity.InternalTokens;
import dev.dispatch.proto.sensor.v1.GetSensorRequest;
import dev.dispatch.proto.sensor.v1.ListSensorReadingsRequest;
import dev.dispatch.proto.sensor.v1.ListSensorReadingsResponse;
import dev.dispatch.proto.sensor.v1.ListSensorsRequest;
import dev.dispatch.proto.sensor.v1.ListSensorsResponse;
import dev.dispatch.proto.sensor.v1.MutinySensorServiceGrpc.MutinySensorServiceStub;
import dev.dispatch.proto.sensor.v1.ProvisionSensorRequest;
import dev.dispatch.proto.sensor.v1.RevokeSensorRequest;
import dev.dispatch.proto.sensor.v1.Sensor;
import dev.dispatch.proto.sensor.v1.SensorCredentials;
import dev.dispatch.proto.sensor.v1.UpdateSensorConfigRequest;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.faulttolerance.api.RetryWhen;
import io.smallrye.mutiny.Uni;

/**
 * The gateway's calls to iot-ingest's SensorService (client {@code sensors}, at the address of the {@code devices} client),
 * with the rules of {@link DeviceBackend}: a deadline per call, reads retried while iot-ingest is unavailable, writes
 * never. Provisioning again would issue yet another key, a revocation or configuration change is the operator's to repeat.
 */
@ApplicationScoped
public class SensorBackend {

    /** The service called: the audience of the tokens. */
    private static final String AUDIENCE = "iot-ingest";

    @GrpcClient("sensors")
    MutinySensorServiceStub sensors;

    private final GatewayConfig config;
    private final InternalTokens tokens;

    SensorBackend(GatewayConfig config, InternalTokens tokens) {
        this.config = config;
        this.tokens = tokens;
    }

    public Uni<SensorCredentials> provision(CallerIdentity caller, ProvisionSensorRequest request) {
        return call(caller, stub -> stub.provisionSensor(request));
    }

    public Uni<Sensor> revoke(CallerIdentity caller, RevokeSensorRequest request) {
        return call(caller, stub -> stub.revokeSensor(request));
    }

    public Uni<Sensor> update(CallerIdentity caller, UpdateSensorConfigRequest request) {
        return call(caller, stub -> stub.updateSensorConfig(request));
    }

    @Retry(maxRetries = 2, delay = 100, jitter = 50)
    @RetryWhen(exception = WasUnavailable.class)
    public Uni<Sensor> get(CallerIdentity caller, GetSensorRequest request) {
        return call(caller, stub -> stub.getSensor(request));
    }

    @Retry(maxRetries = 2, delay = 100, jitter = 50)
    @RetryWhen(exception = WasUnavailable.class)
    public Uni<ListSensorsResponse> list(CallerIdentity caller, ListSensorsRequest request) {
        return call(caller, stub -> stub.listSensors(request));
    }

    @Retry(maxRetries = 2, delay = 100, jitter = 50)
    @RetryWhen(exception = WasUnavailable.class)
    public Uni<ListSensorReadingsResponse> readings(CallerIdentity caller, ListSensorReadingsRequest request) {
        return call(caller, stub -> stub.listSensorReadings(request));
    }

    private <T> Uni<T> call(CallerIdentity caller, Function<MutinySensorServiceStub, Uni<T>> rpc) {
        return Uni.createFrom()
                .deferred(() -> rpc.apply(as(caller).withDeadlineAfter(config.sensorDeadline().toMillis(), TimeUnit.MILLISECONDS)))
                .onFailure().transform(e -> BackendException.tag(Backend.SENSORS, e));
    }

    /** The stub, sending the internal token that says who the gateway calls for (README "Security model"). */
    private MutinySensorServiceStub as(CallerIdentity caller) {
        return sensors.withCallCredentials(new BearerToken(tokens.forUser(caller, AUDIENCE)));
    }
}
