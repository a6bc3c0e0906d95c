package dev.dispatch.notification.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.jboss.logging.Logger;

import dev.dispatch.notification.config.NotificationConfig;
import dev.dispatch.notification.repository.NotificationRepository;
import dev.dispatch.notification.repository.UnackedRepository;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Keeps the tables bounded that are not bounded as they are written: event ids older than the dedupe
 * retention, the unacknowledged marks of users who never ack beyond history-size each, and call signals every replica
 * has read (with calls left open by a replica that went away). (The history
 * itself is trimmed per customer as it is written.) Any replica may run it; running it twice is harmless.
 */
@ApplicationScoped
public class Housekeeping {

    private static final Logger LOG = Logger.getLogger(Housekeeping.class);

    private final NotificationRepository notifications;
    private final UnackedRepository unacked;
    private final Calls calls;
    private final NotificationConfig config;
    private final Vertx vertx;
    private long timer = -1;

    public Housekeeping(NotificationRepository notifications, UnackedRepository unacked, Calls calls, NotificationConfig config,
            Vertx vertx) {
        this.notifications = notifications;
        this.unacked = unacked;
        this.calls = calls;
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(config.housekeepingInterval().toMillis(), id -> run());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    void run() {
        OffsetDateTime cutoff = OffsetDateTime.now(ZoneOffset.UTC).minus(config.dedupeRetention());
        notifications.forgetEventsBefore(cutoff)
                .chain(forgotten -> unacked.trim(config.historySize()).map(trimmed -> forgotten + trimmed))
                .chain(deleted -> calls.clean().map(cleaned -> deleted + cleaned))
                .subscribe().with(
                        deleted -> LOG.debugf("housekeeping deleted %d rows", deleted),
                        failure -> LOG.debugf("housekeeping skipped: %s", failure.getMessage()));
    }
}
