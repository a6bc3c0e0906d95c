package dev.dispatch.gateway.backend;

import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;

import dev.dispatch.gateway.config.GatewayConfig;
import dev.dispatch.proto.device.v1.Device;
import dev.dispatch.proto.device.v1.GetDeviceRequest;
import dev.dispatch.proto.device.v1.ListDevicesRequest;
import dev.dispatch.proto.device.v1.ListDevicesResponse;
import dev.dispatch.proto.device.v1.ListTelemetryRequest;
import dev.dispatch.proto.device.v1.ListTelemetryResponse;
import dev.dispatch.proto.device.v1.MutinyDeviceServiceGrpc.MutinyDeviceServiceStub;
import dev.dispatch.proto.device.v1.SendCommandRequest;
import dev.dispatch.proto.device.v1.SendCommandResponse;
import dev.dispatch.proto.device.v1.Telemetry;
import dev.dispatch.proto.device.v1.WatchTelemetryRequest;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.faulttolerance.api.RetryWhen;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The gateway's calls to iot-ingest, with the rules of {@link OrderBackend}: a deadline per call, reads retried while
 * iot-ingest is unavailable, a command never (it may have reached the device; the operator decides to send again).
 */
@ApplicationScoped
public class DeviceBackend {

    @GrpcClient("devices")
    MutinyDeviceServiceStub devices;

    private final GatewayConfig config;

    DeviceBackend(GatewayConfig config) {
        this.config = config;
    }

    @Retry(maxRetries = 2, delay = 100, jitter = 50)
    @RetryWhen(exception = WasUnavailable.class)
    public Uni<Device> get(GetDeviceRequest request) {
        return call(stub -> stub.getDevice(request));
    }

    @Retry(maxRetries = 2, delay = 100, jitter = 50)
    @RetryWhen(exception = WasUnavailable.class)
    public Uni<ListDevicesResponse> list(ListDevicesRequest request) {
        return call(stub -> stub.listDevices(request));
    }

    @Retry(maxRetries = 2, delay = 100, jitter = 50)
    @RetryWhen(exception = WasUnavailable.class)
    public Uni<ListTelemetryResponse> telemetry(ListTelemetryRequest request) {
        return call(stub -> stub.listTelemetry(request));
    }

    public Uni<SendCommandResponse> send(SendCommandRequest request) {
        return call(stub -> stub.sendCommand(request));
    }

    /** Readings as iot-ingest ingests them; no deadline, like {@link OrderBackend#watch}. */
    public Multi<Telemetry> watch(WatchTelemetryRequest request) {
        return Multi.createFrom().deferred(() -> devices.watchTelemetry(request))
                .onFailure().transform(e -> BackendException.tag(Backend.DEVICES, e));
    }

    private <T> Uni<T> call(Function<MutinyDeviceServiceStub, Uni<T>> rpc) {
        return Uni.createFrom()
                .deferred(() -> rpc.apply(devices.withDeadlineAfter(config.deviceDeadline().toMillis(), TimeUnit.MILLISECONDS)))
                .onFailure().transform(e -> BackendException.tag(Backend.DEVICES, e));
    }
}
