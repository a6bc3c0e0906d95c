package dev.dispatch.iot.grpc;

import java.util.function.Supplier;

import dev.dispatch.iot.service.SensorProvisioning;
import dev.dispatch.iot.service.SensorQueries;
import dev.dispatch.platform.grpc.InternalAuthentication;
import dev.dispatch.platform.identity.CallerIdentity;
import dev.dispatch.proto.sensor.v1.GetSensorRequest;
import dev.dispatch.proto.sensor.v1.ListSensorReadingsRequest;
import dev.dispatch.proto.sensor.v1.ListSensorReadingsResponse;
import dev.dispatch.proto.sensor.v1.ListSensorsRequest;
import dev.dispatch.proto.sensor.v1.ListSensorsResponse;
import dev.dispatch.proto.sensor.v1.ProvisionSensorRequest;
import dev.dispatch.proto.sensor.v1.RevokeSensorRequest;
import dev.dispatch.proto.sensor.v1.Sensor;
import dev.dispatch.proto.sensor.v1.SensorCredentials;
import dev.dispatch.proto.sensor.v1.SensorService;
import dev.dispatch.proto.sensor.v1.UpdateSensorConfigRequest;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;

/**
 * SensorService over gRPC, for operators only ({@link OperatorsOnly}): maps messages, and every failure to its status
 * ({@link GrpcStatus}): INVALID_ARGUMENT with the field for bad input, NOT_FOUND for an unknown sensor, UNAVAILABLE
 * when the database cannot be reached.
 */
@GrpcService
public class SensorGrpcService implements SensorService {

    private final SensorProvisioning provisioning;
    private final SensorQueries queries;

    SensorGrpcService(SensorProvisioning provisioning, SensorQueries queries) {
        this.provisioning = provisioning;
        this.queries = queries;
    }

    @Override
    public Uni<SensorCredentials> provisionSensor(ProvisionSensorRequest request) {
        return call(() -> provisioning.provision(request.getSensorId(), request.getCourierDeviceId(),
                request.hasReportIntervalSeconds() ? request.getReportIntervalSeconds() : null,
                request.hasMaxTemperatureC() ? request.getMaxTemperatureC() : null,
                request.hasMaxShockG() ? request.getMaxShockG() : null).map(SensorMapper::toProto));
    }

    @Override
    public Uni<Sensor> revokeSensor(RevokeSensorRequest request) {
        return call(() -> provisioning.revoke(request.getSensorId()).map(SensorMapper::toProto));
    }

    @Override
    public Uni<Sensor> getSensor(GetSensorRequest request) {
        return call(() -> queries.get(request.getSensorId()).map(SensorMapper::toProto));
    }

    @Override
    public Uni<ListSensorsResponse> listSensors(ListSensorsRequest request) {
        return call(() -> queries.list(request.getCourierDeviceIdsList()).map(SensorMapper::toListResponse));
    }

    @Override
    public Uni<Sensor> updateSensorConfig(UpdateSensorConfigRequest request) {
        return call(() -> provisioning.update(request.getSensorId(), request.getCourierDeviceId(),
                request.hasReportIntervalSeconds() ? request.getReportIntervalSeconds() : null,
                request.hasMaxTemperatureC() ? request.getMaxTemperatureC() : null,
                request.hasMaxShockG() ? request.getMaxShockG() : null).map(SensorMapper::toProto));
    }

    @Override
    public Uni<ListSensorReadingsResponse> listSensorReadings(ListSensorReadingsRequest request) {
        return call(() -> queries.readings(request.getSensorId(), request.getLimit()).map(SensorMapper::toReadingsResponse));
    }

    /** Runs a call for an operator only (the caller read here, on the thread the call arrived on). */
    private static <T> Uni<T> call(Supplier<Uni<? extends T>> body) {
        CallerIdentity caller = InternalAuthentication.caller();
        return Uni.createFrom().<T>deferred(() -> {
            OperatorsOnly.require(caller);
            return body.get();
        }).onFailure().transform(GrpcStatus::of);
    }
}
