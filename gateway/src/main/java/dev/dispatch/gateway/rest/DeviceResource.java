package dev.dispatch.gateway.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.dispatch.gateway.backend.Backend;
import dev.dispatch.gateway.backend.DeviceBackend;
import dev.dispatch.gateway.backend.DeviceMessages;
import dev.dispatch.gateway.model.CommandType;
import dev.dispatch.gateway.model.DeviceCommandRequest;
import dev.dispatch.gateway.model.DeviceIds;
import dev.dispatch.gateway.model.DeviceState;
import dev.dispatch.gateway.model.EnumName;
import dev.dispatch.gateway.model.PageLimits;
import dev.dispatch.gateway.model.Roles;
import dev.dispatch.gateway.rest.dto.CommandAccepted;
import dev.dispatch.gateway.rest.dto.DeviceCredentialsResponse;
import dev.dispatch.gateway.rest.dto.DevicePage;
import dev.dispatch.gateway.rest.dto.DeviceResponse;
import dev.dispatch.gateway.rest.dto.TelemetryPage;
import dev.dispatch.platform.identity.CallerIdentity;
import dev.dispatch.proto.device.v1.GetDeviceRequest;
import dev.dispatch.proto.device.v1.IssueDeviceCredentialsRequest;
import dev.dispatch.proto.device.v1.ListDevicesRequest;
import dev.dispatch.proto.device.v1.ListTelemetryRequest;
import dev.dispatch.proto.device.v1.RevokeDeviceCredentialsRequest;
import io.smallrye.mutiny.Uni;

/**
 * The courier devices, for operators: a customer sees the device of their own order only through GraphQL's
 * {@code Order.delivery}. iot-ingest decides what exists; the gateway checks the role and the shape of each request.
 */
@Path("/api/devices")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "devices")
@SecurityRequirement(name = "bearer")
@RolesAllowed(Roles.OPERATOR)
public class DeviceResource {

    private static final String ID = "The device's id: 1 to 64 letters, digits, '.', '_', ':' or '-'; any other text names no device, so it is 404.";
    /** The password must not stay in any cache between the operator and the gateway. */
    private static final String NO_STORE = "no-store";

    private final DeviceBackend devices;
    private final JsonWebToken token;

    DeviceResource(DeviceBackend devices, JsonWebToken token) {
        this.devices = devices;
        this.token = token;
    }

    @GET
    @Operation(operationId = "listDevices", summary = "List devices", description = "Operators only. A page at a time, in the device "
            + "service's order: pass a page's nextCursor as cursor for the next one.")
    @APIResponse(responseCode = "200", description = "One page of devices.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DevicePage.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Uni<DevicePage> list(
            @QueryParam("status") @Parameter(description = "Only devices in this status.", schema = @Schema(implementation = DeviceState.class))
            @EnumName(DeviceState.class) String status,
            // Text checked here rather than an Integer: JAX-RS would answer "limit=ten" with a bare 404.
            @QueryParam("limit") @Parameter(description = "Devices per page, 1 to 100.",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20"))
            @Pattern(regexp = "^[0-9]{1,3}$", message = PageLimits.PAGE_RULE)
            @Min(value = PageLimits.MIN_PAGE, message = PageLimits.PAGE_RULE)
            @Max(value = PageLimits.MAX_PAGE, message = PageLimits.PAGE_RULE) String limit,
            @QueryParam("cursor") @Parameter(description = "The nextCursor of the previous page.")
            @Size(max = PageLimits.MAX_CURSOR, message = PageLimits.CURSOR_RULE) String cursor) {
        return devices.list(caller(), ListDevicesRequest.newBuilder()
                        .setStatus(DeviceMessages.status(status == null ? null : DeviceState.valueOf(status)))
                        .setPageSize(limit == null ? 0 : Integer.parseInt(limit))
                        .setPageToken(cursor == null ? "" : cursor)
                        .build())
                .map(DeviceMapper::toRest);
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getDevice", summary = "Read a device", description = "Operators only. Its status, when it was "
            + "registered and last heard from, its newest reading and the order it is delivering.")
    @APIResponse(responseCode = "200", description = "The device.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeviceResponse.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Uni<DeviceResponse> get(@PathParam("id") @Parameter(description = ID, schema = @Schema(type = SchemaType.STRING)) String id) {
        return devices.get(caller(), GetDeviceRequest.newBuilder().setDeviceId(deviceId(id)).build()).map(DeviceMapper::toRest);
    }

    @GET
    @Path("{id}/telemetry")
    @Operation(operationId = "listTelemetry", summary = "A device's newest readings", description = "Operators only. Newest first.")
    @APIResponse(responseCode = "200", description = "The newest readings; none yet is an empty list.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TelemetryPage.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Uni<TelemetryPage> telemetry(@PathParam("id") @Parameter(description = ID, schema = @Schema(type = SchemaType.STRING)) String id,
            @QueryParam("limit") @Parameter(description = "How many readings, 1 to 500.",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "20"))
            @Pattern(regexp = "^[0-9]{1,3}$", message = PageLimits.READINGS_RULE)
            @Min(value = PageLimits.MIN_READINGS, message = PageLimits.READINGS_RULE)
            @Max(value = PageLimits.MAX_READINGS, message = PageLimits.READINGS_RULE) String limit) {
        String deviceId = deviceId(id);
        return devices.telemetry(caller(), ListTelemetryRequest.newBuilder().setDeviceId(deviceId).setLimit(limit == null ? 0 : Integer.parseInt(limit)).build())
                // No readings may mean no device: only then ask, so that an unknown id is 404 and not an empty list.
                .call(readings -> readings.getReadingsCount() > 0 ? Uni.createFrom().voidItem()
                        : devices.get(caller(), GetDeviceRequest.newBuilder().setDeviceId(deviceId).build()))
                .map(readings -> DeviceMapper.toRest(deviceId, readings));
    }

    @POST
    @Path("{id}/commands")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "sendDeviceCommand", summary = "Send a command to a device", description = "Operators only. Published to "
            + "the device over MQTT (QoS 1); the answer says it was handed over, not yet done: the device acknowledges with a "
            + "command-ack event carrying the commandId.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DeviceCommandRequest.class),
            examples = {
                    @ExampleObject(name = "report-interval", summary = "Report every 30 seconds",
                            value = "{\"type\":\"SET_REPORT_INTERVAL\",\"arguments\":{\"seconds\":30}}"),
                    @ExampleObject(name = "lock", summary = "Lock the cargo box", value = "{\"type\":\"LOCK_CARGO\"}") }))
    @APIResponse(responseCode = "202", description = "Handed to the broker for the device.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CommandAccepted.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Uni<RestResponse<CommandAccepted>> send(
            @PathParam("id") @Parameter(description = ID, schema = @Schema(type = SchemaType.STRING)) String id,
            @NotNull(message = "is required") @Valid DeviceCommandRequest body) {
        return devices.send(caller(), DeviceMessages.commandRequest(deviceId(id), body))
                .map(sent -> RestResponse.accepted(DeviceMapper.toRest(sent, CommandType.valueOf(body.type()))));
    }

    @POST
    @Path("{id}/credentials")
    @Operation(operationId = "issueDeviceCredentials", summary = "Issue a device's MQTT login", description = "Operators only. "
            + "Registers the device if it is new (OFFLINE until it says online) and issues a fresh MQTT password: any earlier "
            + "password of the device stops working. The broker checks the login with iot-ingest on every connect. The password "
            + "is in this answer only (never stored by the gateway, kept by iot-ingest only as a hash, never shown again; "
            + "`Cache-Control: no-store`). No request body.")
    @APIResponse(responseCode = "201", description = "Issued: the device's username and new password.",
            headers = {
                    @Header(name = HttpHeaders.LOCATION, description = "The device's URL.", required = true,
                            schema = @Schema(type = SchemaType.STRING, example = "/api/devices/courier-7")),
                    @Header(name = HttpHeaders.CACHE_CONTROL, description = "`no-store`: the answer carries a secret.", required = true,
                            schema = @Schema(type = SchemaType.STRING, example = NO_STORE)) },
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeviceCredentialsResponse.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Uni<RestResponse<DeviceCredentialsResponse>> issueCredentials(
            @PathParam("id") @Parameter(description = ID, schema = @Schema(type = SchemaType.STRING)) String id) {
        return devices.issueCredentials(caller(), IssueDeviceCredentialsRequest.newBuilder().setDeviceId(deviceId(id)).build())
                .map(DeviceMapper::toRest)
                // A relative Location, as for orders and sensors.
                .map(credentials -> RestResponse.ResponseBuilder.<DeviceCredentialsResponse>create(RestResponse.Status.CREATED)
                        .header(HttpHeaders.LOCATION, "/api/devices/" + credentials.deviceId())
                        .header(HttpHeaders.CACHE_CONTROL, NO_STORE)
                        .entity(credentials)
                        .build());
    }

    @DELETE
    @Path("{id}/credentials")
    @Operation(operationId = "revokeDeviceCredentials", summary = "Revoke a device's MQTT login", description = "Operators only. "
            + "The device's password stops working: the broker refuses its next login. Issue new credentials to let it in again. "
            + "Revoking a revoked device, or one that never had a password, changes nothing.")
    @APIResponse(responseCode = "204", description = "Revoked.")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Uni<RestResponse<Void>> revokeCredentials(
            @PathParam("id") @Parameter(description = ID, schema = @Schema(type = SchemaType.STRING)) String id) {
        return devices.revokeCredentials(caller(), RevokeDeviceCredentialsRequest.newBuilder().setDeviceId(deviceId(id)).build())
                .map(device -> RestResponse.noContent());
    }

    /** Not a possible device id: no device has it, so it is 404 without asking iot-ingest. */
    private static String deviceId(String id) {
        if (!DeviceIds.isValid(id)) {
            throw new ProblemException(ProblemType.NOT_FOUND, Backend.DEVICES.notFound());
        }
        return id;
    }

    /** Who the call to the backend is for (an operator: the class allows no one else). */
    private CallerIdentity caller() {
        return Roles.callerOf(token);
    }
}
