package dev.dispatch.iot.coap;

import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.core.server.resources.Resource;

import dev.dispatch.iot.model.DeviceIds;

/**
 * {@code /sensors}: routes {@code /sensors/{id}/...} by {@link #getChild}. A known sensor gets one {@link SensorResource}
 * for good (observe relations live in the resource instance, so {@code changed()} must reach the one that served the
 * observe GET); anything else — a made-up or malformed id — lands on one shared resource answering 4.04, so
 * requests for ids that do not exist cost no memory. Until the sensor ids are loaded, 5.03.
 */
final class SensorsResource extends CoapResource {

    private final CoapContext context;
    private final CoapResource unknown;
    private final CoapResource unavailable;

    SensorsResource(CoapContext context) {
        super("sensors");
        this.context = context;
        getAttributes().setTitle("cargo sensors");
        this.unknown = new Refusing(context, false);
        this.unavailable = new Refusing(context, true);
    }

    @Override
    public Resource getChild(String name) {
        Resource child = super.getChild(name);
        if (child != null) {
            return child;
        }
        if (!DeviceIds.isValid(name)) {
            return unknown;
        }
        if (!context.directory().isLoaded()) {
            return unavailable;
        }
        return context.directory().isKnown(name) ? sensor(name) : unknown;
    }

    /** The sensor's resource, made (once) if it is not there yet. Only for ids that are valid and known. */
    SensorResource sensor(String sensorId) {
        Resource child = super.getChild(sensorId);
        if (child == null) {
            synchronized (this) {
                child = super.getChild(sensorId);
                if (child == null) {
                    child = new SensorResource(sensorId, context);
                    add(child);
                }
            }
        }
        return (SensorResource) child;
    }

    /** The sensor's resource if it was made, else null. */
    SensorResource existing(String sensorId) {
        return (SensorResource) super.getChild(sensorId);
    }

    /**
     * Not part of the tree (never listed, never observable): answers every request below an unknown id with 4.04, or
     * 5.03 while the ids are not loaded yet. One instance for all such ids.
     */
    private static final class Refusing extends CoapResource {

        private final CoapContext context;
        private final boolean loading;

        Refusing(CoapContext context, boolean loading) {
            super(loading ? "loading" : "unknown", false);
            this.context = context;
            this.loading = loading;
        }

        @Override
        public Resource getChild(String name) {
            return this;
        }

        @Override
        public void handleGET(CoapExchange exchange) {
            refuse(exchange);
        }

        @Override
        public void handlePOST(CoapExchange exchange) {
            refuse(exchange);
        }

        @Override
        public void handlePUT(CoapExchange exchange) {
            refuse(exchange);
        }

        @Override
        public void handleDELETE(CoapExchange exchange) {
            refuse(exchange);
        }

        private void refuse(CoapExchange exchange) {
            String path = "/" + exchange.getRequestOptions().getUriPathString();
            if (loading) {
                context.metrics().rejected(CoapRejection.UNAVAILABLE, path + ": the sensors are not loaded yet");
                Responses.retryLater(exchange, ResponseCode.SERVICE_UNAVAILABLE, "starting, try again in " + context.retryAfterSeconds() + " s",
                        context.retryAfterSeconds());
            } else {
                context.reject(exchange, CoapRejection.UNKNOWN_SENSOR, ResponseCode.NOT_FOUND, path + ": no such sensor");
            }
        }
    }
}
