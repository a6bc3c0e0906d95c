package dev.dispatch.loadgen.core;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Requests sent and how they ended, counted from any thread. */
public final class Counters {

    private final LongAdder sent = new LongAdder();
    private final LongAdder ok = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

    void sent() {
        sent.increment();
    }

    void ended(Outcome outcome) {
        if (outcome.ok()) {
            ok.increment();
        } else {
            errors.computeIfAbsent(outcome.error(), e -> new LongAdder()).increment();
        }
    }

    public long sentCount() {
        return sent.sum();
    }

    public long okCount() {
        return ok.sum();
    }

    public long failedCount() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public long inFlight() {
        return sentCount() - okCount() - failedCount();
    }

    /** Failures by label, sorted by label. */
    public Map<String, Long> errors() {
        Map<String, Long> copy = new TreeMap<>();
        errors.forEach((label, count) -> copy.put(label, count.sum()));
        return copy;
    }
}
