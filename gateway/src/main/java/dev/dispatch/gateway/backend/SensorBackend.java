package dev.dispatch.gateway.backend;

import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;

import dev.dispatch.gateway.config.GatewayConfig;
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

    @GrpcClient("sensors")
    MutinySensorServiceStub sensors;

    private final GatewayConfig config;

    SensorBackend(GatewayConfig config) {
        this.config = config;
    }

    public Uni<SensorCredentials> provision(ProvisionSensorRequest request) {
        return call(stub -> stub.provisionSensor(request));
    }

    public Uni<Sensor> revoke(RevokeSensorRequest request) {
        return call(stub -> stub.revokeSensor(request));
    }

    public Uni<Sensor> update(UpdateSensorConfigRequest request) {
        return call(stub -> stub.updateSensorConfig(request));
    }

    @Retry(maxRetries = 2, delay = 100, jitter = 50)
    @RetryWhen(exception = WasUnavailable.class)
    public Uni<Sensor> get(GetSensorRequest request) {
        return call(stub -> stub.getSensor(request));
    }

    @Retry(maxRetries = 2, delay = 100, jitter = 50)
    @RetryWhen(exception = WasUnavailable.class)
    public Uni<ListSensorsResponse> list(ListSensorsRequest request) {
        return call(stub -> stub.listSensors(request));
    }

    @Retry(maxRetries = 2, delay = 100, jitter = 50)
    @RetryWhen(exception = WasUnavailable.class)
    public Uni<ListSensorReadingsResponse> readings(ListSensorReadingsRequest request) {
        return call(stub -> stub.listSensorReadings(request));
    }

    private <T> Uni<T> call(Function<MutinySensorServiceStub, Uni<T>> rpc) {
        return Uni.createFrom()
                .deferred(() -> rpc.apply(sensors.withDeadlineAfter(config.sensorDeadline().toMillis(), TimeUnit.MILLISECONDS)))
                .onFailure().transform(e -> BackendException.tag(Backend.SENSORS, e));
    }
}
