package dev.dispatch.iot.service;

import java.util.EnumMap;
import java.util.Map;

import dev.dispatch.iot.model.MessageKind;
import dev.dispatch.iot.model.RejectReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The ingest counters, at /q/metrics as {@code dispatch_ingest_accepted_total{kind}},
 * {@code dispatch_ingest_rejected_total{reason}} and {@code dispatch_ingest_telemetry_stored_total}.
 * Every tag value is registered up front, so a dashboard sees zeros rather than missing series: created at start-up,
 * not at the first device message (a load generator reads its baseline before that).
 */
@Startup
@ApplicationScoped
public class IngestMetrics {

    private final Map<MessageKind, Counter> accepted = new EnumMap<>(MessageKind.class);
    private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);
    private final Counter stored;

    IngestMetrics(MeterRegistry registry) {
        for (MessageKind kind : MessageKind.values()) {
            accepted.put(kind, Counter.builder("dispatch.ingest.accepted").description("Device messages accepted, by topic kind")
                    .tag("kind", kind.tag()).register(registry));
        }
        for (RejectReason reason : RejectReason.values()) {
            rejected.put(reason, Counter.builder("dispatch.ingest.rejected").description("Device messages rejected, by reason")
                    .tag("reason", reason.tag()).register(registry));
        }
        stored = Counter.builder("dispatch.ingest.telemetry.stored").description("Telemetry rows committed to the database")
                .register(registry);
    }

    public void accepted(MessageKind kind) {
        accepted.get(kind).increment();
    }

    public void rejected(RejectReason reason) {
        rejected.get(reason).increment();
    }

    public void stored(int rows) {
        stored.increment(rows);
    }
}
