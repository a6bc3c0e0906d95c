package dev.dispatch.simulator.support;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.dispatch.simulator.coap.TagListener;
import dev.dispatch.simulator.contract.SensorConfig;
import dev.dispatch.simulator.contract.SensorReading;

/** Everything the tags said, in order, for assertions. */
public final class RecordingTagListener implements TagListener {

    public record Stored(String sensorId, int count, boolean batch, int bytes, boolean blockwise) {
    }

    public record Applied(String sensorId, SensorConfig config, Optional<Duration> previousInterval) {
    }

    public record Note(String sensorId, int count, String reason) {
    }

    public record Shock(String sensorId, String courierDeviceId, boolean opened, double g) {
    }

    public final List<SensorReading> taken = new CopyOnWriteArrayList<>();
    public final List<Stored> stored = new CopyOnWriteArrayList<>();
    public final List<Applied> applied = new CopyOnWriteArrayList<>();
    public final List<String> configProblems = new CopyOnWriteArrayList<>();
    public final List<Note> kept = new CopyOnWriteArrayList<>();
    public final List<Note> dropped = new CopyOnWriteArrayList<>();
    public final List<Shock> shocks = new CopyOnWriteArrayList<>();
    public final List<String> stoppedTags = new CopyOnWriteArrayList<>();

    @Override
    public void configApplied(String sensorId, SensorConfig config, Optional<Duration> previousInterval) {
        applied.add(new Applied(sensorId, config, previousInterval));
    }

    @Override
    public void configRefused(String sensorId, String reason) {
        configProblems.add(sensorId + ": " + reason);
    }

    @Override
    public void readingTaken(String sensorId, SensorReading reading) {
        taken.add(reading);
    }

    @Override
    public void shock(String sensorId, String courierDeviceId, boolean doorOpened, double g) {
        shocks.add(new Shock(sensorId, courierDeviceId, doorOpened, g));
    }

    @Override
    public void readingsStored(String sensorId, int count, boolean batch, int bytes, boolean blockwise, Duration latency) {
        stored.add(new Stored(sensorId, count, batch, bytes, blockwise));
    }

    @Override
    public void readingsKept(String sensorId, int buffered, String reason) {
        kept.add(new Note(sensorId, buffered, reason));
    }

    @Override
    public void readingsDropped(String sensorId, int count, String reason) {
        dropped.add(new Note(sensorId, count, reason));
    }

    @Override
    public void stopped(String sensorId) {
        stoppedTags.add(sensorId);
    }

    public int storedReadings() {
        return stored.stream().mapToInt(Stored::count).sum();
    }
}
