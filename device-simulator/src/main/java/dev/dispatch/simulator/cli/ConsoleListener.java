package dev.dispatch.simulator.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

import dev.dispatch.simulator.coap.TagListener;
import dev.dispatch.simulator.contract.CommandAck;
import dev.dispatch.simulator.contract.DeviceEvent;
import dev.dispatch.simulator.contract.SensorConfig;
import dev.dispatch.simulator.contract.SensorReading;
import dev.dispatch.simulator.contract.Telemetry;
import dev.dispatch.simulator.device.AssignResult;
import dev.dispatch.simulator.device.CommandOutcome;
import dev.dispatch.simulator.geo.GeoPoint;
import dev.dispatch.simulator.mqtt.BrokerAddress;
import dev.dispatch.simulator.mqtt.FleetListener;

/**
 * One line per notable thing, of the couriers and of the sensor tags; readings and events only with
 * {@code --verbose}. In a load run the per-device connection lines are left out ({@code quietConnects}): a
 * summary says it.
 */
final class ConsoleListener implements FleetListener, TagListener {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final PrintStream out;
    private final boolean verbose;
    private final boolean quietConnects;
    private volatile String refusalHint = "check --user and --password";

    ConsoleListener(PrintStream out, boolean verbose, boolean quietConnects) {
        this.out = out;
        this.verbose = verbose;
        this.quietConnects = quietConnects;
    }

    /** The devices log in with credentials of their own: a refusal then means something else than a wrong --password. */
    void ownLogins() {
        refusalHint = "the password issued to it was not taken: revoked or issued again since (another run with the same "
                + "ids?), or the broker checks device logins with another iot-ingest";
    }

    @Override
    public void connected(String deviceId, BrokerAddress broker, boolean reconnected) {
        if (!quietConnects || reconnected) {
            line(deviceId, (reconnected ? "reconnected to " : "connected to ") + broker + ", status online");
        }
    }

    @Override
    public void connectionLost(String deviceId, Duration retryIn) {
        line(deviceId, "connection lost; reconnecting in " + seconds(retryIn));
    }

    @Override
    public void connectAttemptFailed(String deviceId, int attempt, String reason, Duration retryIn) {
        line(deviceId, "connect attempt " + attempt + " failed (" + reason + "); next in " + seconds(retryIn));
    }

    @Override
    public void refused(String deviceId, String reason) {
        line(deviceId, "the broker refused the connection (" + reason + "); " + refusalHint);
    }

    @Override
    public void assigned(String deviceId, AssignResult assignment, GeoPoint destination) {
        if (assignment.kind() == AssignResult.Kind.ALREADY_DELIVERED) {
            line(deviceId, "order " + assignment.orderId() + " was delivered already");
            return;
        }
        line(deviceId, String.format(Locale.ROOT, "assigned order %s: driving %.0f m to %s",
                assignment.orderId(), assignment.routeMeters(), destination));
    }

    @Override
    public void delivered(String deviceId, String orderId, GeoPoint position) {
        line(deviceId, "delivered order " + orderId + " at " + position);
    }

    @Override
    public void commandHandled(String deviceId, CommandOutcome outcome) {
        CommandAck ack = outcome.ack();
        String type = outcome.type() == null ? "(malformed)" : outcome.type();
        line(deviceId, "command " + type + " " + ack.commandId() + ": " + ack.outcome() + " (" + ack.detail() + ")"
                + (outcome.duplicate() ? ", repeated answer to a duplicate" : ""));
    }

    @Override
    public void telemetrySent(String deviceId, Telemetry reading) {
        if (verbose) {
            line(deviceId, String.format(Locale.ROOT, "telemetry %.6f,%.6f %.2f °C battery %.1f %%",
                    reading.latitude(), reading.longitude(), reading.cargoTemperatureC(), reading.batteryPercent()));
        }
    }

    @Override
    public void telemetryFailed(String deviceId, String reason) {
        if (verbose) {
            line(deviceId, "telemetry not acknowledged: " + reason);
        }
    }

    @Override
    public void telemetryNotSent(String deviceId, String reason) {
        if (verbose) {
            line(deviceId, "telemetry not sent: " + reason);
        }
    }

    @Override
    public void eventSent(String deviceId, DeviceEvent event) {
        if (verbose) {
            line(deviceId, "event " + event.type() + " " + event.eventId());
        }
    }

    @Override
    public void stopped(String deviceId, boolean clean) {
        if (!quietConnects) {
            line(deviceId, clean ? "stopped: status offline, disconnected cleanly" : "stopped");
        }
    }

    // --- sensor tags (CoAP)

    @Override
    public void started(String sensorId, String courierDeviceId, String readingsUri, String configUri) {
        if (!quietConnects) {
            line(sensorId, (courierDeviceId.isEmpty() ? "rides with no courier" : "rides with " + courierDeviceId)
                    + "; readings to " + readingsUri + ", observing " + configUri);
        }
    }

    @Override
    public void configApplied(String sensorId, SensorConfig config, Optional<Duration> previousInterval) {
        if (previousInterval.isPresent()) {
            line(sensorId, String.format(Locale.ROOT, "config v%d: report interval %s -> %d s, applied now",
                    config.version(), seconds(previousInterval.get()), config.reportIntervalSeconds()));
        } else {
            line(sensorId, String.format(Locale.ROOT, "config v%d: report every %d s, alert above %s °C or %s g",
                    config.version(), config.reportIntervalSeconds(), number(config.maxTemperatureC()), number(config.maxShockG())));
        }
    }

    @Override
    public void configRefused(String sensorId, String reason) {
        line(sensorId, "config not observed: " + reason);
    }

    @Override
    public void readingTaken(String sensorId, SensorReading reading) {
        if (verbose) {
            line(sensorId, String.format(Locale.ROOT, "reading %.2f °C, %.1f %% humidity, %.2f g, battery %.2f %%",
                    reading.temperatureC(), reading.humidityPercent(), reading.shockG(), reading.batteryPercent()));
        }
    }

    @Override
    public void shock(String sensorId, String courierDeviceId, boolean doorOpened, double g) {
        line(sensorId, String.format(Locale.ROOT, "shock %.2f g: %s's cargo door %s", g, courierDeviceId,
                doorOpened ? "opened" : "closed"));
    }

    @Override
    public void readingsStored(String sensorId, int count, boolean batch, int bytes, boolean blockwise, Duration latency) {
        if (batch) {
            line(sensorId, String.format(Locale.ROOT, "sent %d buffered readings as one batch (%d bytes%s): 2.04 Changed",
                    count, bytes, blockwise ? ", block-wise" : ""));
        } else if (verbose) {
            line(sensorId, String.format(Locale.ROOT, "reading stored: 2.04 Changed in %.1f ms", latency.toNanos() / 1e6));
        }
    }

    @Override
    public void readingsKept(String sensorId, int buffered, String reason) {
        line(sensorId, "not stored (" + reason + "); " + buffered + (buffered == 1 ? " reading" : " readings") + " kept for later");
    }

    @Override
    public void readingsDropped(String sensorId, int count, String reason) {
        line(sensorId, count + (count == 1 ? " reading" : " readings") + " dropped: " + reason);
    }

    @Override
    public void stopped(String sensorId) {
        if (!quietConnects) {
            line(sensorId, "stopped");
        }
    }

    void info(String text) {
        synchronized (out) {
            out.println(LocalTime.now().format(TIME) + " " + text);
        }
    }

    private void line(String deviceId, String text) {
        info(deviceId + " " + text);
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.2f", value).replaceAll("\\.?0+$", "");
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
