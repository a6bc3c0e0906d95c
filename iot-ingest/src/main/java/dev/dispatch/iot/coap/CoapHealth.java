package dev.dispatch.iot.coap;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.dispatch.iot.service.SensorDirectory;
import jakarta.enterprise.context.ApplicationScoped;

/** Ready while every CoAP endpoint is started, and the sensor ids are loaded (until then requests get 5.03). */
@Readiness
@ApplicationScoped
public class CoapHealth implements HealthCheck {

    private final SensorCoapServer server;
    private final SensorDirectory directory;

    CoapHealth(SensorCoapServer server, SensorDirectory directory) {
        this.server = server;
        this.directory = directory;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("CoAP endpoints").status(server.isUp() && directory.isLoaded())
                .withData("coaps", server.securePort())
                .withData("sensorsLoaded", directory.isLoaded());
        if (server.plainPort() >= 0) {
            response.withData("coap", server.plainPort());
        }
        return response.build();
    }
}
