package dev.dispatch.notification.service;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import jakarta.enterprise.context.ApplicationScoped;

/** Ready to serve streams only once the live feed knows where the history ends (it read the database once). */
@Readiness
@ApplicationScoped
public class NotificationFeedHealth implements HealthCheck {

    private final NotificationFeed feed;

    public NotificationFeedHealth(NotificationFeed feed) {
        this.feed = feed;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("Notification live feed")
                .status(feed.started())
                .withData("connections", feed.attached())
                .build();
    }
}
