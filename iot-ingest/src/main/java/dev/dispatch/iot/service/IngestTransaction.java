package dev.dispatch.iot.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.dispatch.iot.config.IngestConfig;
import dev.dispatch.iot.model.DeviceEvent;
import dev.dispatch.iot.model.DeviceStatus;
import dev.dispatch.iot.model.IngestRules;
import dev.dispatch.iot.repository.DeviceRepository;
import dev.dispatch.iot.repository.IngestWriter;
import dev.dispatch.iot.repository.TelemetryChangeFeed;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * One batch of device messages, decided and written in one transaction, the way every replica does it: register the
 * devices whose first online is in it, lock the batch's device rows (in id order), read their active bindings and
 * which delivered events were processed, decide ({@link IngestPlan}), and write readings, presence, deliveries, the
 * outbox events and the devices' decision state, and NOTIFY the other replicas of the devices with new readings. Two replicas with messages of the same device wait for each other
 * on its row, so every episode alerts once and every decision sees the one before it.
 */
@ApplicationScoped
class IngestTransaction {

    /** A committed batch: what it decided, and how many readings it stored. */
    record Committed(IngestPlan plan, int stored) {
    }

    private final DeviceRepository devices;
    private final IngestWriter writer;
    private final TelemetryChangeFeed telemetryChanges;
    private final IngestRules rules;

    IngestTransaction(DeviceRepository devices, IngestWriter writer, TelemetryChangeFeed telemetryChanges, IngestConfig config) {
        this.devices = devices;
        this.writer = writer;
        this.telemetryChanges = telemetryChanges;
        IngestConfig.Alerts alerts = config.alerts();
        this.rules = new IngestRules(config.progress().every(), alerts.temperatureToleratedReadings(), alerts.batteryLowPercent(),
                alerts.batteryHysteresisPercent());
    }

    Uni<Committed> commit(List<IngestEntry> entries) {
        Set<String> ids = new TreeSet<>();
        Map<String, Instant> firstOnline = new HashMap<>();
        List<DeviceEvent> delivered = new ArrayList<>();
        for (IngestEntry e : entries) {
            ids.add(e.deviceId());
            if (e.status() == DeviceStatus.ONLINE) {
                firstOnline.putIfAbsent(e.deviceId(), e.at());
            }
            if (e.event() != null && e.event().type().equals(DeviceEvent.DELIVERED)) {
                delivered.add(e.event());
            }
        }
        return writer.pool().withTransaction(tx -> devices.registerAbsent(tx, firstOnline)
                .flatMap(created -> devices.lock(tx, ids)
                        .flatMap(locked -> devices.activeBindings(tx, ids)
                                .flatMap(bindings -> writer.processed(tx, delivered)
                                        .flatMap(processed -> {
                                            IngestPlan plan = IngestPlan.of(entries, locked, created, bindings, processed, rules);
                                            return writer.write(tx, plan.batch())
                                                    .call(() -> devices.saveEpisodes(tx, plan.touched()))
                                                    .call(() -> telemetryChanges.stored(tx, plan.readDevices()))
                                                    .map(stored -> new Committed(plan, stored));
                                        })))));
    }
}
