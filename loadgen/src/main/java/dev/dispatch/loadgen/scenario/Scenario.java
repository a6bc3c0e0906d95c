package dev.dispatch.loadgen.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.dispatch.loadgen.core.ResultRow;
import dev.dispatch.loadgen.core.Target;

/** One named workload: what is set up before the run, what each request is, and what is counted after it. */
public interface Scenario extends AutoCloseable {

    /** Before the clock starts: connections, streams, data to read. */
    default void prepare() throws Exception {
    }

    Target target();

    /** Rows beyond the requests' own, once the requests are answered (waiting at most {@code timeout} for them). */
    default List<ResultRow> results(Duration timeout) throws InterruptedException {
        return List.of();
    }

    /** What the run used besides rate and duration, for the result file. */
    default Map<String, String> settings() {
        return Map.of();
    }

    @Override
    default void close() {
    }
}
