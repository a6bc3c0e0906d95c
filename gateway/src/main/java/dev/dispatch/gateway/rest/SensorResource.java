package dev.dispatch.gateway.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import dev.dispatch.gateway.backend.SensorBackend;
import dev.dispatch.gateway.backend.SensorMessages;
import dev.dispatch.gateway.model.DeviceIds;
import dev.dispatch.gateway.model.PageLimits;
import dev.dispatch.gateway.model.ProvisionSensorRequest;
import dev.dispatch.gateway.model.Roles;
import dev.dispatch.gateway.model.UpdateSensorConfigRequest;
import dev.dispatch.gateway.rest.dto.SensorCredentialsResponse;
import dev.dispatch.gateway.rest.dto.SensorList;
import dev.dispatch.gateway.rest.dto.SensorReadingPage;
import dev.dispatch.gateway.rest.dto.SensorResponse;
import dev.dispatch.platform.identity.CallerIdentity;
import dev.dispatch.proto.sensor.v1.GetSensorRequest;
import dev.dispatch.proto.sensor.v1.ListSensorReadingsRequest;
import dev.dispatch.proto.sensor.v1.ListSensorsRequest;
import dev.dispatch.proto.sensor.v1.RevokeSensorRequest;
import io.smallrye.mutiny.Uni;

/**
 * The cargo sensors (CoAP, served by iot-ingest's SensorService), for operators only: provisioning with a pre-shared key,
 * revocation, the configuration the sensors observe, and their readings. iot-ingest decides what exists; the gateway
 * checks the role and the shape of each request.
 */
@Path("/api/sensors")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sensors")
@SecurityRequirement(name = "bearer")
@RolesAllowed(Roles.OPERATOR)
public class SensorResource {

    private static final String ID = "The sensor's id: 1 to 64 letters, digits, '.', '_', ':' or '-'; any other text names no sensor, so it is 404.";
    /** The pre-shared key must not stay in any cache between the operator and the gateway. */
    private static final String NO_STORE = "no-store";

    private final SensorBackend sensors;
    private final JsonWebToken token;

    SensorResource(SensorBackend sensors, JsonWebToken token) {
        this.sensors = sensors;
        this.token = token;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "provisionSensor", summary = "Provision a cargo sensor", description = "Operators only. Creates the "
            + "sensor if it is new and issues a fresh DTLS pre-shared key: any earlier key of the sensor stops working. The key "
            + "is in this answer only (never stored by the gateway, never shown again; `Cache-Control: no-store`).")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ProvisionSensorRequest.class),
            examples = {
                    @ExampleObject(name = "defaults", summary = "A tag in courier-7's cargo box, default configuration",
                            value = "{\"sensorId\":\"tag-1\",\"courierDeviceId\":\"courier-7\"}"),
                    @ExampleObject(name = "cold-chain", summary = "Report every minute, alert above 6 °C or 2 g",
                            value = "{\"sensorId\":\"tag-2\",\"reportIntervalSeconds\":60,\"maxTemperatureC\":6,\"maxShockG\":2}") }))
    @APIResponse(responseCode = "201", description = "Provisioned: the sensor and its new key.",
            headers = {
                    @Header(name = HttpHeaders.LOCATION, description = "The sensor's URL.", required = true,
                            schema = @Schema(type = SchemaType.STRING, example = "/api/sensors/tag-1")),
                    @Header(name = HttpHeaders.CACHE_CONTROL, description = "`no-store`: the answer carries a secret.", required = true,
                            schema = @Schema(type = SchemaType.STRING, example = NO_STORE)) },
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SensorCredentialsResponse.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Uni<RestResponse<SensorCredentialsResponse>> provision(@NotNull(message = "is required") @Valid ProvisionSensorRequest body) {
        return sensors.provision(caller(), SensorMessages.provisionRequest(body))
                .map(SensorMapper::toRest)
                // A relative Location, as for orders.
                .map(credentials -> RestResponse.ResponseBuilder.<SensorCredentialsResponse>create(RestResponse.Status.CREATED)
                        .header(HttpHeaders.LOCATION, "/api/sensors/" + credentials.sensor().id())
                        .header(HttpHeaders.CACHE_CONTROL, NO_STORE)
                        .entity(credentials)
                        .build());
    }

    @GET
    @Operation(operationId = "listSensors", summary = "List cargo sensors", description = "Operators only. Every sensor, or those "
            + "riding with one courier device.")
    @APIResponse(responseCode = "200", description = "The sensors.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SensorList.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Uni<SensorList> list(
            @QueryParam("courierDeviceId") @Parameter(description = "Only the sensors riding with this courier device.", example = "courier-7")
            @Pattern(regexp = DeviceIds.REGEX, message = DeviceIds.RULE) String courierDeviceId) {
        ListSensorsRequest.Builder request = ListSensorsRequest.newBuilder();
        if (courierDeviceId != null) {
            request.addCourierDeviceIds(courierDeviceId);
        }
        return sensors.list(caller(), request.build()).map(SensorMapper::toRest);
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getSensor", summary = "Read a cargo sensor", description = "Operators only. Its courier, configuration, "
            + "whether its key is active, when it was last heard from, its newest reading and the order its courier is delivering.")
    @APIResponse(responseCode = "200", description = "The sensor.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SensorResponse.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Uni<SensorResponse> get(@PathParam("id") @Parameter(description = ID, schema = @Schema(type = SchemaType.STRING)) String id) {
        return sensors.get(caller(), GetSensorRequest.newBuilder().setSensorId(sensorId(id)).build()).map(SensorMapper::toRest);
    }

    @PUT
    @Path("{id}/config")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateSensorConfig", summary = "Change a sensor's configuration", description = "Operators only. "
            + "Partial: fields left out keep their value. The configuration's version grows by one, and sensors observing "
            + "coap://…/sensors/{id}/config get it pushed at once.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = UpdateSensorConfigRequest.class),
            examples = @ExampleObject(name = "colder", summary = "Alert above 6.5 °C, keep the rest", value = "{\"maxTemperatureC\":6.5}")))
    @APIResponse(responseCode = "200", description = "The sensor with its new configuration.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SensorResponse.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Uni<SensorResponse> updateConfig(@PathParam("id") @Parameter(description = ID, schema = @Schema(type = SchemaType.STRING)) String id,
            @NotNull(message = "is required") @Valid UpdateSensorConfigRequest body) {
        return sensors.update(caller(), SensorMessages.updateRequest(sensorId(id), body)).map(SensorMapper::toRest);
    }

    @DELETE
    @Path("{id}/credentials")
    @Operation(operationId = "revokeSensor", summary = "Revoke a sensor's key", description = "Operators only. Its DTLS handshakes "
            + "fail from now on; provision it again for a new key. Revoking a revoked sensor changes nothing.")
    @APIResponse(responseCode = "200", description = "The sensor, its credentials no longer active.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SensorResponse.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Uni<SensorResponse> revoke(@PathParam("id") @Parameter(description = ID, schema = @Schema(type = SchemaType.STRING)) String id) {
        return sensors.revoke(caller(), RevokeSensorRequest.newBuilder().setSensorId(sensorId(id)).build()).map(SensorMapper::toRest);
    }

    @GET
    @Path("{id}/readings")
    @Operation(operationId = "listSensorReadings", summary = "A sensor's newest readings", description = "Operators only. Newest first.")
    @APIResponse(responseCode = "200", description = "The newest readings; none yet is an empty list.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SensorReadingPage.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Uni<SensorReadingPage> readings(@PathParam("id") @Parameter(description = ID, schema = @Schema(type = SchemaType.STRING)) String id,
            // Text checked here rather than an Integer: JAX-RS would answer "limit=ten" with a bare 404.
            @QueryParam("limit") @Parameter(description = "How many readings, 1 to 500.",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "20"))
            @Pattern(regexp = "^[0-9]{1,3}$", message = PageLimits.READINGS_RULE)
            @Min(value = PageLimits.MIN_READINGS, message = PageLimits.READINGS_RULE)
            @Max(value = PageLimits.MAX_READINGS, message = PageLimits.READINGS_RULE) String limit) {
        String sensorId = sensorId(id);
        return sensors.readings(caller(), ListSensorReadingsRequest.newBuilder().setSensorId(sensorId).setLimit(limit == null ? 0 : Integer.parseInt(limit)).build())
                .map(readings -> SensorMapper.toRest(sensorId, readings));
    }

    /** Not a possible sensor id: no sensor has it, so it is 404 without asking iot-ingest. */
    private static String sensorId(String id) {
        if (!DeviceIds.isValid(id)) {
            throw new ProblemException(ProblemType.NOT_FOUND, Backend.SENSORS.notFound());
        }
        return id;
    }

    /** Who the call to the backend is for (an operator: the class allows no one else). */
    private CallerIdentity caller() {
        return Roles.callerOf(token);
    }
}
