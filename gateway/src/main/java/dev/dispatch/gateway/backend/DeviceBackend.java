package dev.dispatch.gateway.backend;

import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;

import dev.dispatch.gateway.config.GatewayConfig;
import dev.dispatch.platform.grpc.BearerToken;
import dev.dispatch.platform.identity.CallerIdentity;
import dev.dispatch.platform.identity.InternalTokens;
import dev.dispatch.proto.device.v1.Device;
import dev.dispatch.proto.device.v1.DeviceCredentials;
import dev.dispatch.proto.device.v1.GetDeviceRequest;
import dev.dispatch.proto.device.v1.IssueDeviceCredentialsRequest;
import dev.dispatch.proto.device.v1.ListDevicesRequest;
import dev.dispatch.proto.device.v1.ListDevicesResponse;
import dev.dispatch.proto.device.v1.ListTelemetryRequest;
import dev.dispatch.proto.device.v1.ListTelemetryResponse;
import dev.dispatch.proto.device.v1.MutinyDeviceServiceGrpc.MutinyDeviceServiceStub;
import dev.dispatch.proto.device.v1.RevokeDeviceCredentialsRequest;
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
 * iot-ingest is unavailable, a command never (it may have reached the device; the operator decides to send again), nor
 * credentials (issuing again would issue yet another password; a revocation is the operator's to repeat).
 */
@ApplicationScoped
public class DeviceBackend {

    /** The service called: the audience of the tokens. */
    private static final String AUDIENCE = "iot-ingest";

    @GrpcClient("devices")
    MutinyDeviceServiceStub devices;

    private final GatewayConfig config;
    private final InternalTokens tokens;

    DeviceBackend(GatewayConfig config, InternalTokens tokens) {
        this.config = config;
        this.tokens = tokens;
    }

    @Retry(maxRetries = 2, delay = 100, jitter = 50)
    @RetryWhen(exception = WasUnavailable.class)
    public Uni<Device> get(CallerIdentity caller, GetDeviceRequest request) {
        return call(caller, stub -> stub.getDevice(request));
    }

    @Retry(maxRetries = 2, delay = 100, jitter = 50)
    @RetryWhen(exception = WasUnavailable.class)
    public Uni<ListDevicesResponse> list(CallerIdentity caller, ListDevicesRequest request) {
        return call(caller, stub -> stub.listDevices(request));
    }

    @Retry(maxRetries = 2, delay = 100, jitter = 50)
    @RetryWhen(exception = WasUnavailable.class)
    public Uni<ListTelemetryResponse> telemetry(CallerIdentity caller, ListTelemetryRequest request) {
        return call(caller, stub -> stub.listTelemetry(request));
    }

    public Uni<SendCommandResponse> send(CallerIdentity caller, SendCommandRequest request) {
        return call(caller, stub -> stub.sendCommand(request));
    }

    public Uni<DeviceCredentials> issueCredentials(CallerIdentity caller, IssueDeviceCredentialsRequest request) {
        return call(caller, stub -> stub.issueDeviceCredentials(request));
    }

    public Uni<Device> revokeCredentials(CallerIdentity caller, RevokeDeviceCredentialsRequest request) {
        return call(caller, stub -> stub.revokeDeviceCredentials(request));
    }

    /** Readings as iot-ingest ingests them; no deadline, and opened again when its connection closes, like {@link OrderBackend#watch}. */
    public Multi<Telemetry> watch(CallerIdentity caller, WatchTelemetryRequest request) {
        return Resumed.STREAMS.stream(() -> as(caller).watchTelemetry(request))
                .onFailure().transform(e -> BackendException.tag(Backend.DEVICES, e));
    }

    private <T> Uni<T> call(CallerIdentity caller, Function<MutinyDeviceServiceStub, Uni<T>> rpc) {
        return Uni.createFrom()
                .deferred(() -> rpc.apply(as(caller).withDeadlineAfter(config.deviceDeadline().toMillis(), TimeUnit.MILLISECONDS)))
                .onFailure().transform(e -> BackendException.tag(Backend.DEVICES, e));
    }

    /** The stub, sending the internal token that says who the gateway calls for (README "Security model"). */
    private MutinyDeviceServiceStub as(CallerIdentity caller) {
        return devices.withCallCredentials(new BearerToken(tokens.forUser(caller, AUDIENCE)));
    }
}
