package dev.dispatch.iot.mqtt;

import java.time.Instant;

import org.jboss.logging.Logger;

import dev.dispatch.iot.config.IngestConfig;
import dev.dispatch.iot.model.MessageKind;
import dev.dispatch.iot.model.RejectReason;
import dev.dispatch.iot.model.Rejected;
import dev.dispatch.iot.service.DeviceIngest;
import dev.dispatch.iot.service.IngestMetrics;
import dev.dispatch.platform.tracing.EventSpans;
import io.opentelemetry.api.trace.Tracer;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * One device message, from topic and bytes to the ingest: size, topic, payload, registration checks. A message that
 * fails one is rejected — one log line with its reason, a count in {@code dispatch.ingest.rejected}, and an
 * acknowledgement, since the broker sending it again would not make it better — and the next message goes on.
 */
@ApplicationScoped
public class DeviceMessages {

    private static final Logger LOG = Logger.getLogger(DeviceMessages.class);

    private final DeviceIngest ingest;
    private final IngestMetrics metrics;
    private final IngestConfig config;
    private final Tracer tracer;

    DeviceMessages(DeviceIngest ingest, IngestMetrics metrics, IngestConfig config, Tracer tracer) {
        this.ingest = ingest;
        this.metrics = metrics;
        this.config = config;
        this.tracer = tracer;
    }

    /**
     * Takes one message; ack acknowledges it to the broker and is run once it is committed (or rejected: at once when
     * the message itself is bad, after its batch when the stored state refuses it).
     */
    public void take(String topic, byte[] payload, Runnable ack) {
        try {
            DeviceTopics.Route route = DeviceTopics.route(topic);
            if (route.kind() == null) {
                ack.run(); // our own command, seen through the devices/# subscription
                return;
            }
            if (payload.length > config.mqtt().maxPayloadBytes()) {
                throw new Rejected(RejectReason.OVERSIZED, payload.length + " bytes, more than " + config.mqtt().maxPayloadBytes());
            }
            Instant now = Instant.now();
            MessageKind kind = route.kind();
            Runnable accepted = () -> {
                metrics.accepted(kind);
                ack.run();
            };
            switch (kind) {
                case TELEMETRY -> ingest.telemetry(DevicePayloads.telemetry(route.deviceId(), payload, now, config.telemetry().maxClockSkew()),
                        accepted, rejected -> failed(topic, rejected, ack));
                case STATUS -> ingest.status(route.deviceId(), DevicePayloads.status(route.deviceId(), payload), now, accepted,
                        rejected -> failed(topic, rejected, ack));
                case EVENT ->
                    // A device event starts a trace (MQTT 3.1.1 carries no context): a delivery, its event on
                    // delivery-events and order-service's DELIVERED all belong to it. Telemetry is not traced: too many.
                    EventSpans.<Void>processing(tracer, "devices/{deviceId}/events", null,
                            () -> ingest.event(DevicePayloads.event(route.deviceId(), payload))).subscribe().with(
                            ignored -> accepted.run(),
                            failure -> failed(topic, failure, ack));
            }
        } catch (RuntimeException failure) {
            failed(topic, failure, ack);
        }
    }

    private void failed(String topic, Throwable failure, Runnable ack) {
        if (failure instanceof Rejected rejected) {
            metrics.rejected(rejected.reason());
            LOG.warnf("rejected a message on %s (%s): %s", topic, rejected.reason().tag(), rejected.getMessage());
            ack.run();
        } else {
            // Not the message's fault (e.g. the database is away): left unacknowledged, so the broker redelivers it.
            LOG.warnf("a message on %s could not be taken now, the broker will redeliver it: %s", topic, failure.toString());
        }
    }
}
