package dev.dispatch.iot.repository;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.dispatch.platform.listen.PgListener;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Which devices have new readings, across all replicas, through PostgreSQL LISTEN/NOTIFY on {@code device_telemetry}:
 * each ingest batch NOTIFYs, in its transaction, the ids of the devices it stored readings of (payload: the replica's
 * own id, then the device ids, separated by spaces; split into several notifications under PostgreSQL's 8000-byte
 * limit). Each replica hears the others' (its own commits it knows first-hand), so that a WatchTelemetry served by
 * one replica streams the readings another one stored.
 */
@ApplicationScoped
public class TelemetryChangeFeed {

    static final String CHANNEL = "device_telemetry";
    private static final int MAX_PAYLOAD_BYTES = 7900;

    private final String origin = UUID.randomUUID().toString();
    private final BroadcastProcessor<Set<String>> changes = BroadcastProcessor.create();
    private final PgListener listener;

    TelemetryChangeFeed(Vertx vertx,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.listener = new PgListener(vertx, url, user, password, "device telemetry").channel(CHANNEL, () -> {
        }, this::heard);
    }

    /** Announces that these devices have new readings; part of the caller's (the batch's) transaction. */
    public Uni<Void> stored(SqlClient tx, Collection<String> deviceIds) {
        if (deviceIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> payloads = new ArrayList<>();
        StringBuilder payload = new StringBuilder(origin);
        for (String id : deviceIds) {
            if (payload.length() + 1 + id.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
                payloads.add(payload.toString());
                payload = new StringBuilder(origin);
            }
            payload.append(' ').append(id);
        }
        payloads.add(payload.toString());
        return tx.preparedQuery("SELECT pg_notify($1, p) FROM unnest($2::text[]) AS p")
                .execute(Tuple.of(CHANNEL, payloads.toArray(String[]::new)))
                .replaceWithVoid();
    }

    /** The device ids with new readings stored by other replicas, on the listening connection's event loop: do not block. */
    public Multi<Set<String>> changes() {
        return changes;
    }

    private void heard(String payload) {
        String[] parts = payload.split(" ");
        if (parts.length < 2 || parts[0].equals(origin)) {
            return;
        }
        changes.onNext(Set.of(Arrays.copyOfRange(parts, 1, parts.length)));
    }

    void start(@Observes StartupEvent event) {
        listener.start();
    }

    void stop(@Observes ShutdownEvent event) {
        listener.stop();
    }
}
