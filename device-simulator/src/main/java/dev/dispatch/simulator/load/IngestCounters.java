package dev.dispatch.simulator.load;

import java.util.Locale;
import java.util.OptionalDouble;

/**
 * iot-ingest's Prometheus counters at one moment; a counter it does not (yet) report is empty.
 *
 * @param accepted {@code dispatch_ingest_accepted_total{kind="telemetry"}}
 * @param stored {@code dispatch_ingest_telemetry_stored_total}
 * @param rejected {@code dispatch_ingest_rejected_total}, every reason summed
 */
public record IngestCounters(OptionalDouble accepted, OptionalDouble stored, OptionalDouble rejected) {

    public static final String ACCEPTED = "dispatch_ingest_accepted_total";
    public static final String STORED = "dispatch_ingest_telemetry_stored_total";
    public static final String REJECTED = "dispatch_ingest_rejected_total";

    static String delta(OptionalDouble before, OptionalDouble after) {
        if (before.isEmpty() || after.isEmpty()) {
            return "not reported";
        }
        return String.format(Locale.ROOT, "+%.0f", after.getAsDouble() - before.getAsDouble());
    }
}
