package dev.dispatch.notification.service;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import dev.dispatch.notification.model.CourierPresence;
import dev.dispatch.notification.repository.PresenceRepository;
import dev.dispatch.platform.cloudevents.InvalidEvent;
import dev.dispatch.platform.cloudevents.ReceivedEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Takes a courier-presence event in (contracts/events/courier-presence.v1.json): validated, stored once per event id
 * and only when newer than the stored presence; a stored change reaches XMPP subscribers through the database
 * (PresenceRepository's NOTIFY), whichever replica holds the component link.
 */
@ApplicationScoped
public class PresenceIntake {

    public static final String ADDRESS = "courier-presence";
    /** The one producer of courier-presence; an event from any other source is refused. */
    static final String PRODUCER = "/iot-ingest";
    static final String TYPE = "dispatch.courier.presence.changed";
    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private final PresenceRepository repository;
    private final MeterRegistry metrics;

    public PresenceIntake(PresenceRepository repository, MeterRegistry metrics) {
        this.repository = repository;
        this.metrics = metrics;
    }

    /**
     * Fails with {@link InvalidEvent} for a body that is not a valid presence event or not from iot-ingest, with others
     * if storing failed.
     */
    public Uni<PresenceRepository.Outcome> take(byte[] body) {
        return Uni.createFrom().item(() -> ReceivedEvent.parse(body, PRODUCER))
                .chain(event -> repository.record(event.source(), event.id(), presence(event))
                        .onFailure().retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(1)).atMost(3))
                .invoke(outcome -> count(outcome.name()))
                .onFailure().invoke(failure -> count(failure instanceof InvalidEvent ? "invalid" : "failed"));
    }

    /** The presence the event reports; {@link InvalidEvent} when it breaks the contract. */
    static CourierPresence presence(ReceivedEvent event) {
        if (!TYPE.equals(event.type())) {
            throw new InvalidEvent("the type must be " + TYPE + ", not " + event.type());
        }
        JsonNode data = event.data();
        if (data == null || !data.isObject()) {
            throw new InvalidEvent("the data must be an object");
        }
        String deviceId = event.dataText("deviceId");
        if (deviceId == null || !DEVICE_ID.matcher(deviceId).matches()) {
            throw new InvalidEvent("data.deviceId must be 1-64 of A-Z a-z 0-9 . _ : -");
        }
        if (event.subject() != null && !event.subject().equals(deviceId)) {
            throw new InvalidEvent("the subject must be data.deviceId");
        }
        CourierPresence.State state = switch (String.valueOf(event.dataText("presence"))) {
            case "available" -> CourierPresence.State.AVAILABLE;
            case "away" -> CourierPresence.State.AWAY;
            case "offline" -> CourierPresence.State.OFFLINE;
            default -> throw new InvalidEvent("data.presence must be available, away or offline");
        };
        Optional<String> orderId = Optional.ofNullable(event.dataText("orderId"));
        if ((state == CourierPresence.State.AWAY) != orderId.isPresent()) {
            throw new InvalidEvent("data.orderId must be given exactly when away");
        }
        orderId.ifPresent(PresenceIntake::uuid);
        return new CourierPresence(deviceId, state, orderId, since(event.dataText("since")));
    }

    private static void uuid(String orderId) {
        try {
            UUID.fromString(orderId);
        } catch (IllegalArgumentException e) {
            throw new InvalidEvent("data.orderId must be a UUID");
        }
    }

    private static Instant since(String value) {
        if (value == null) {
            throw new InvalidEvent("data.since is missing");
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidEvent("data.since is not an RFC 3339 timestamp: " + value, e);
        }
    }

    private void count(String outcome) {
        metrics.counter("notifications.events", "address", ADDRESS, "outcome", outcome.toLowerCase()).increment();
    }
}
