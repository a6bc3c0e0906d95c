package dev.dispatch.iot.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import dev.dispatch.iot.model.Binding;
import dev.dispatch.iot.model.Decision;
import dev.dispatch.iot.model.DeviceEvent;
import dev.dispatch.iot.model.DeviceState;
import dev.dispatch.iot.model.DeviceStatus;
import dev.dispatch.iot.model.IngestRules;
import dev.dispatch.iot.model.PresenceChange;
import dev.dispatch.iot.model.PresenceChanged;
import dev.dispatch.iot.model.Reading;
import dev.dispatch.iot.model.RejectReason;
import dev.dispatch.iot.model.Rejected;
import dev.dispatch.iot.outbox.OutgoingEvents;
import dev.dispatch.iot.repository.IngestWriter;
import dev.dispatch.platform.outbox.OutboxEvent;

/**
 * What one batch of device messages decides, in arrival order, from the state its transaction locked: the devices'
 * rows (decision state, V7), their active bindings, and which delivered events were processed already. Pure: it
 * reads nothing and writes nothing itself; the caller writes {@link #batch()} and {@link #touched()} in the same
 * transaction and, once committed, reports each message's outcome ({@link #outcomes()}, in arrival order).
 */
final class IngestPlan {

    /** What to do for one message once the batch committed: accept it (and what follows), or reject it. */
    record Outcome(IngestEntry entry, Rejected rejected, Binding binding, boolean assignOrder) {
    }

    private final List<IngestWriter.Presence> presence = new ArrayList<>();
    private final List<Reading> readings = new ArrayList<>();
    private final List<OutboxEvent> events = new ArrayList<>();
    private final List<IngestWriter.Delivery> deliveries = new ArrayList<>();
    private final Map<String, DeviceState> touched = new LinkedHashMap<>();
    private final List<Outcome> outcomes = new ArrayList<>();

    private IngestPlan() {
    }

    /**
     * locked: the devices stored before this batch (rows locked); created: those this batch registered (by their first
     * online, which is where they begin); bindings: active, by device; processed: the delivered event ids (of these
     * devices) taken in already.
     */
    static IngestPlan of(List<IngestEntry> entries, Map<String, DeviceState> locked, Set<String> created, Map<String, Binding> bindings,
            Set<UUID> processed, IngestRules rules) {
        IngestPlan plan = new IngestPlan();
        Map<String, DeviceState> devices = new HashMap<>(locked);
        created.forEach(devices::remove);
        Map<String, Binding> bound = new HashMap<>(bindings);
        Set<UUID> delivered = new HashSet<>(processed);
        for (IngestEntry entry : entries) {
            DeviceState device = devices.get(entry.deviceId());
            if (device == null && entry.status() == DeviceStatus.ONLINE && created.contains(entry.deviceId())) {
                device = DeviceState.registering(entry.deviceId(), entry.at());
                devices.put(entry.deviceId(), device);
            }
            if (device == null) {
                plan.outcomes.add(new Outcome(entry, new Rejected(RejectReason.UNREGISTERED_DEVICE,
                        "device " + entry.deviceId() + " has not said online yet"), null, false));
                continue;
            }
            Binding binding = bound.get(entry.deviceId());
            if (entry.status() != null) {
                plan.status(entry, device, binding);
            } else if (entry.reading() != null) {
                plan.reading(entry, device, binding, rules);
            } else {
                plan.event(entry, device, binding, bound, delivered);
            }
        }
        return plan;
    }

    private void status(IngestEntry entry, DeviceState device, Binding binding) {
        PresenceChange change = device.presence(entry.status(), entry.at(), binding);
        presence.add(new IngestWriter.Presence(entry.deviceId(), entry.status(), device.registeredAt(),
                entry.status() == DeviceStatus.ONLINE ? entry.at() : null));
        change.decisions().forEach(d -> events.add(OutgoingEvents.of(d)));
        if (change.presence() != null) {
            events.add(OutgoingEvents.of(change.presence()));
        }
        touched.put(device.id(), device);
        // The device may have missed its assignment while it was away (QoS 1 reaches only a session that exists).
        outcomes.add(new Outcome(entry, null, binding, change.cameOnline() && binding != null));
    }

    private void reading(IngestEntry entry, DeviceState device, Binding binding, IngestRules rules) {
        List<Decision> decisions = device.decide(entry.reading(), binding, rules);
        readings.add(entry.reading());
        decisions.forEach(d -> events.add(OutgoingEvents.of(d)));
        touched.put(device.id(), device);
        outcomes.add(new Outcome(entry, null, binding, false));
    }

    /**
     * A delivered event for the bound order completes the delivery (once: a processed one, or one already in this
     * batch, is a re-send); for another order it is rejected (order-not-bound) unless it is such a re-send. Any other
     * event is accepted as it is.
     */
    private void event(IngestEntry entry, DeviceState device, Binding binding, Map<String, Binding> bound, Set<UUID> delivered) {
        DeviceEvent event = entry.event();
        if (!event.type().equals(DeviceEvent.DELIVERED)) {
            outcomes.add(new Outcome(entry, null, binding, false));
            return;
        }
        if (delivered.contains(event.eventId())) {
            outcomes.add(new Outcome(entry, null, binding, false));
            return;
        }
        if (binding == null || !binding.orderId().equals(event.orderId())) {
            outcomes.add(new Outcome(entry, new Rejected(RejectReason.ORDER_NOT_BOUND,
                    "device " + event.deviceId() + " is not delivering order " + event.orderId()), binding, false));
            return;
        }
        delivered.add(event.eventId());
        bound.remove(event.deviceId());
        deliveries.add(new IngestWriter.Delivery(event, binding, OutgoingEvents.completed(binding, event, entry.trace())));
        // Free again: written with the delivery.
        PresenceChanged free = device.presenceChange(null, entry.at());
        if (free != null) {
            device.announced(free);
            events.add(OutgoingEvents.of(free, entry.trace()));
        }
        touched.put(device.id(), device);
        outcomes.add(new Outcome(entry, null, null, false));
    }

    IngestWriter.Batch batch() {
        return new IngestWriter.Batch(presence, readings, events, deliveries);
    }

    List<DeviceState> touched() {
        return List.copyOf(touched.values());
    }

    /** The devices this batch stores readings of. */
    Set<String> readDevices() {
        Set<String> ids = new TreeSet<>();
        readings.forEach(r -> ids.add(r.deviceId()));
        return ids;
    }

    List<Outcome> outcomes() {
        return outcomes;
    }

    boolean hasEvents() {
        return !events.isEmpty() || !deliveries.isEmpty();
    }
}
