package dev.dispatch.iot.coap;

import org.eclipse.californium.core.CoapResource;

/** {@code /sensors/{id}}: holds the sensor's two resources, {@code readings} and {@code config}. */
final class SensorResource extends CoapResource {

    private final ConfigResource config;

    SensorResource(String sensorId, CoapContext context) {
        super(sensorId);
        add(new ReadingsResource(sensorId, context));
        this.config = new ConfigResource(sensorId, context);
        add(config);
    }

    ConfigResource config() {
        return config;
    }
}
