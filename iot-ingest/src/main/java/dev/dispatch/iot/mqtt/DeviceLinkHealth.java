package dev.dispatch.iot.mqtt;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.dispatch.iot.service.IngestBatcher;
import jakarta.enterprise.context.ApplicationScoped;

/** Ready only while the device subscription is up (or deliberately paused while the ingest buffer drains). */
@Readiness
@ApplicationScoped
public class DeviceLinkHealth implements HealthCheck {

    private final DeviceLink link;
    private final IngestBatcher batcher;

    DeviceLinkHealth(DeviceLink link, IngestBatcher batcher) {
        this.link = link;
        this.batcher = batcher;
    }

    @Override
    public HealthCheckResponse call() {
        boolean up = link.isUp() || link.isPaused();
        var response = HealthCheckResponse.named("MQTT device subscription").status(up).withData("waiting", batcher.waiting());
        if (!link.isUp()) {
            response.withData("reason", String.valueOf(link.problem()));
        }
        return response.build();
    }
}
