package dev.dispatch.iot.coap;

import java.security.Principal;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.auth.PreSharedKeyIdentity;
import org.jboss.logging.Logger;

import dev.dispatch.iot.model.Overloaded;
import dev.dispatch.iot.model.UnknownSensor;
import dev.dispatch.iot.service.SensorDirectory;
import dev.dispatch.iot.service.SensorIngest;
import dev.dispatch.iot.service.SensorQueries;
import dev.dispatch.iot.service.SensorRateLimiter;
import dev.dispatch.platform.grpc.GrpcFailures;
import io.vertx.pgclient.PgException;

/** What the resources share: the use cases, the rate limiter, the counters, the limits; and the checks every request passes. */
record CoapContext(SensorIngest ingest, SensorQueries queries, SensorDirectory directory, SensorRateLimiter limiter, CoapMetrics metrics,
        SensorPayloads.Limits limits, int retryAfterSeconds) {

    private static final Logger LOG = Logger.getLogger(CoapContext.class);

    /**
     * Over coaps the DTLS identity must be the sensor of the path (else 4.03, answered here); over plain coap (no
     * identity; only where enabled) any sensor id is taken.
     */
    boolean identityMatches(CoapExchange exchange, String sensorId) {
        Principal peer = exchange.advanced().getRequest().getSourceContext().getPeerIdentity();
        if (peer == null) {
            return true;
        }
        String identity = peer instanceof PreSharedKeyIdentity psk ? psk.getIdentity() : peer.getName();
        if (sensorId.equals(identity)) {
            return true;
        }
        reject(exchange, CoapRejection.IDENTITY_MISMATCH, ResponseCode.FORBIDDEN, "the DTLS identity " + identity + " is not sensor " + sensorId);
        return false;
    }

    void reject(CoapExchange exchange, CoapRejection reason, ResponseCode code, String diagnostic) {
        metrics.rejected(reason, diagnostic + " (" + exchange.getSourceSocketAddress() + ")");
        Responses.diagnostic(exchange, code, diagnostic);
    }

    /**
     * The answer to a use case that failed: 4.04 for a sensor unknown or revoked; 5.03 with Max-Age when the database
     * cannot be reached or too much waits (the sensor retries; nothing of the request was kept); anything else is a
     * fault of ours: 5.00, logged with its stack.
     */
    void failed(CoapExchange exchange, String sensorId, Throwable failure) {
        if (failure instanceof UnknownSensor) {
            reject(exchange, CoapRejection.UNKNOWN_SENSOR, ResponseCode.NOT_FOUND, "sensor " + sensorId + " is not provisioned or its key is revoked");
            return;
        }
        if (failure instanceof Overloaded || failure instanceof PgException || GrpcFailures.isUnreachable(failure)) {
            String why = failure instanceof Overloaded ? failure.getMessage() : "the database cannot be reached";
            metrics.rejected(CoapRejection.UNAVAILABLE, "sensor " + sensorId + ": " + why + " (" + failure + ")");
            Responses.retryLater(exchange, ResponseCode.SERVICE_UNAVAILABLE, why + ", try again in " + retryAfterSeconds + " s", retryAfterSeconds);
            return;
        }
        LOG.error("a CoAP request of sensor " + sensorId + " failed", failure);
        Responses.diagnostic(exchange, ResponseCode.INTERNAL_SERVER_ERROR, "internal error");
    }
}
