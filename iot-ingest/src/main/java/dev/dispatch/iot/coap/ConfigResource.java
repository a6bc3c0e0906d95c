package dev.dispatch.iot.coap;

import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.CoapExchange;

import dev.dispatch.iot.model.UnknownSensor;

/**
 * {@code GET /sensors/{id}/config}, observable (RFC 7641, confirmable notifications): the configuration as stored, JSON,
 * or CBOR when Accept is 60 (another Accept: 4.06). {@link #changed()} (called when any instance changed the sensor)
 * runs this handler again for every observer; it reads the database without blocking the calling thread. A sensor
 * unknown or revoked gets 4.04, which also ends its observation.
 */
final class ConfigResource extends CoapResource {

    private final String sensorId;
    private final CoapContext context;

    ConfigResource(String sensorId, CoapContext context) {
        super("config");
        this.sensorId = sensorId;
        this.context = context;
        setObservable(true);
        setObserveType(Type.CON);
        getAttributes().setTitle("configuration of " + sensorId);
        getAttributes().addResourceType("dispatch.sensor.config");
        getAttributes().addContentTypes(MediaTypeRegistry.APPLICATION_JSON, MediaTypeRegistry.APPLICATION_CBOR);
    }

    @Override
    public void handleGET(CoapExchange exchange) {
        int accept = exchange.getRequestOptions().getAccept();
        if (accept != MediaTypeRegistry.UNDEFINED && !SensorPayloads.isSupported(accept)) {
            context.reject(exchange, CoapRejection.UNSUPPORTED_FORMAT, ResponseCode.NOT_ACCEPTABLE,
                    "Accept must be 50 (application/json) or 60 (application/cbor), not " + accept);
            return;
        }
        if (!context.identityMatches(exchange, sensorId)) {
            return;
        }
        int format = accept == MediaTypeRegistry.APPLICATION_CBOR ? accept : MediaTypeRegistry.APPLICATION_JSON;
        Reactive.run(() -> context.queries().activeConfig(sensorId),
                config -> {
                    if (config == null) {
                        context.failed(exchange, sensorId, new UnknownSensor(sensorId));
                    } else {
                        exchange.respond(ResponseCode.CONTENT, SensorPayloads.config(config, format), format);
                    }
                },
                failure -> context.failed(exchange, sensorId, failure));
    }
}
