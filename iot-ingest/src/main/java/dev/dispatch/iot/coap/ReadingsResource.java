package dev.dispatch.iot.coap;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.CoapExchange;

import dev.dispatch.iot.model.InvalidReading;
import dev.dispatch.iot.model.SensorReading;

/**
 * {@code POST /sensors/{id}/readings} (CON or NON): one reading or an array of them, JSON or CBOR; a body larger than a
 * datagram arrives block-wise and is reassembled by Californium before this sees it. Checks in order, each answered
 * at once: Content-Format (4.15), identity (4.03), rate (4.29), payload (4.00). Then the request is acknowledged (an
 * empty ACK for CON, so the sensor does not retransmit while the batch commits) and answered once stored: 2.04 with
 * the number stored, 4.04 for a sensor unknown or revoked, 5.03 when the database cannot be reached.
 */
final class ReadingsResource extends CoapResource {

    private final String sensorId;
    private final CoapContext context;

    ReadingsResource(String sensorId, CoapContext context) {
        super("readings");
        this.sensorId = sensorId;
        this.context = context;
        getAttributes().setTitle("readings of " + sensorId);
        getAttributes().addResourceType("dispatch.sensor.readings");
        getAttributes().addContentTypes(MediaTypeRegistry.APPLICATION_JSON, MediaTypeRegistry.APPLICATION_CBOR);
    }

    @Override
    public void handlePOST(CoapExchange exchange) {
        int format = exchange.getRequestOptions().getContentFormat();
        if (!SensorPayloads.isSupported(format)) {
            context.reject(exchange, CoapRejection.UNSUPPORTED_FORMAT, ResponseCode.UNSUPPORTED_CONTENT_FORMAT,
                    "Content-Format must be 50 (application/json) or 60 (application/cbor), not " + (format < 0 ? "none" : format));
            return;
        }
        if (!context.identityMatches(exchange, sensorId)) {
            return;
        }
        long waitNanos = context.limiter().acquire(sensorId, System.nanoTime());
        if (waitNanos > 0) {
            long seconds = Math.max(1, (waitNanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
            context.metrics().rejected(CoapRejection.RATE_LIMITED, "sensor " + sensorId + " sends too often");
            Responses.retryLater(exchange, ResponseCode.TOO_MANY_REQUESTS, "too many requests from sensor " + sensorId + ", try again in "
                    + seconds + " s", seconds);
            return;
        }
        List<SensorReading> readings;
        try {
            readings = SensorPayloads.readings(sensorId, exchange.getRequestPayload(), format, Instant.now(), context.limits());
        } catch (InvalidReading invalid) {
            context.reject(exchange, invalid.kind() == InvalidReading.Kind.MALFORMED ? CoapRejection.MALFORMED : CoapRejection.INVALID_FIELD,
                    ResponseCode.BAD_REQUEST, invalid.getMessage());
            return;
        }
        exchange.accept();
        Reactive.run(() -> context.ingest().ingest(sensorId, readings),
                stored -> {
                    context.metrics().stored(stored);
                    exchange.respond(ResponseCode.CHANGED, Integer.toString(stored), MediaTypeRegistry.TEXT_PLAIN);
                },
                failure -> context.failed(exchange, sensorId, failure));
    }
}
