package dev.dispatch.iot.grpc;

import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.dispatch.iot.model.InvalidRequest;
import dev.dispatch.iot.service.DeviceCommands;
import dev.dispatch.iot.service.DeviceProvisioning;
import dev.dispatch.iot.service.DeviceQueries;
import dev.dispatch.platform.grpc.InternalAuthentication;
import dev.dispatch.platform.identity.CallerIdentity;
import dev.dispatch.proto.device.v1.Device;
import dev.dispatch.proto.device.v1.DeviceCredentials;
import dev.dispatch.proto.device.v1.DeviceService;
import dev.dispatch.proto.device.v1.GetDeviceRequest;
import dev.dispatch.proto.device.v1.IssueDeviceCredentialsRequest;
import dev.dispatch.proto.device.v1.ListDevicesRequest;
import dev.dispatch.proto.device.v1.ListDevicesResponse;
import dev.dispatch.proto.device.v1.ListTelemetryRequest;
import dev.dispatch.proto.device.v1.ListTelemetryResponse;
import dev.dispatch.proto.device.v1.RevokeDeviceCredentialsRequest;
import dev.dispatch.proto.device.v1.SendCommandRequest;
import dev.dispatch.proto.device.v1.SendCommandResponse;
import dev.dispatch.proto.device.v1.Telemetry;
import dev.dispatch.proto.device.v1.WatchTelemetryRequest;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * DeviceService over gRPC, for operators, and for customers to read ({@link OperatorsOnly}): maps messages, and every
 * failure to its status (see {@link GrpcStatus}).
 */
@GrpcService
public class DeviceGrpcService implements DeviceService {

    private final DeviceQueries queries;
    private final DeviceCommands commands;
    private final DeviceProvisioning provisioning;

    DeviceGrpcService(DeviceQueries queries, DeviceCommands commands, DeviceProvisioning provisioning) {
        this.queries = queries;
        this.commands = commands;
        this.provisioning = provisioning;
    }

    @Override
    public Uni<Device> getDevice(GetDeviceRequest request) {
        return call(OperatorsOnly::requireReader, () -> queries.get(request.getDeviceId()).map(DeviceMapper::toProto));
    }

    @Override
    public Uni<ListDevicesResponse> listDevices(ListDevicesRequest request) {
        return call(OperatorsOnly::requireReader, () -> queries.list(DeviceMapper.toStatusFilter(request.getStatus()),
                request.getDeviceIdsList(), request.getPageSize(), request.getPageToken()).map(DeviceMapper::toProto));
    }

    @Override
    public Uni<ListTelemetryResponse> listTelemetry(ListTelemetryRequest request) {
        return call(OperatorsOnly::requireReader, () -> queries.telemetry(request.getDeviceId(), request.getDeviceIdsList(), request.getLimit()).map(DeviceMapper::toProto));
    }

    @Override
    public Uni<SendCommandResponse> sendCommand(SendCommandRequest request) {
        return call(OperatorsOnly::require, () -> {
            String type = DeviceMapper.toCommandType(request.getType());
            if (type == null) {
                throw new InvalidRequest("type", "must be one of PING, SET_REPORT_INTERVAL, LOCK_CARGO, UNLOCK_CARGO");
            }
            return commands.send(request.getDeviceId(), type, request.getArgumentsMap()).map(DeviceMapper::toProto);
        });
    }

    @Override
    public Uni<DeviceCredentials> issueDeviceCredentials(IssueDeviceCredentialsRequest request) {
        return call(OperatorsOnly::require, () -> provisioning.issue(request.getDeviceId()).map(DeviceMapper::toProto));
    }

    @Override
    public Uni<Device> revokeDeviceCredentials(RevokeDeviceCredentialsRequest request) {
        return call(OperatorsOnly::require, () -> provisioning.revoke(request.getDeviceId()).map(DeviceMapper::toProto));
    }

    @Override
    public Multi<Telemetry> watchTelemetry(WatchTelemetryRequest request) {
        CallerIdentity caller = InternalAuthentication.caller();
        return Multi.createFrom().<Telemetry>deferred(() -> {
            OperatorsOnly.requireReader(caller);
            return queries.watch(request.getDeviceId()).map(DeviceMapper::toProto);
        }).onFailure().transform(GrpcStatus::of);
    }

    /**
     * Runs a call for the callers {@code access} lets in (the caller read here, on the thread the call arrived on), so
     * that a thrown refusal becomes a failed Uni, and every failure its status.
     */
    private static <T> Uni<T> call(Consumer<CallerIdentity> access, Supplier<Uni<? extends T>> body) {
        CallerIdentity caller = InternalAuthentication.caller();
        return Uni.createFrom().<T>deferred(() -> {
            access.accept(caller);
            return body.get();
        }).onFailure().transform(GrpcStatus::of);
    }
}
