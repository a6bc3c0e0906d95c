package dev.dispatch.simulator.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import dev.dispatch.simulator.contract.CommandAck;
import dev.dispatch.simulator.contract.DeviceEvent;
import dev.dispatch.simulator.contract.Telemetry;
import dev.dispatch.simulator.device.AssignResult;
import dev.dispatch.simulator.device.CommandOutcome;
import dev.dispatch.simulator.geo.GeoPoint;
import dev.dispatch.simulator.mqtt.BrokerAddress;
import dev.dispatch.simulator.mqtt.FleetListener;

/**
 * One line per notable thing; readings and events only with {@code --verbose}. In a load run the
 * per-device connection lines are left out ({@code quietConnects}): a summary says it.
 */
final class ConsoleListener implements FleetListener {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final PrintStream out;
    private final boolean verbose;
    private final boolean quietConnects;

    ConsoleListener(PrintStream out, boolean verbose, boolean quietConnects) {
        this.out = out;
        this.verbose = verbose;
        this.quietConnects = quietConnects;
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
        line(deviceId, "the broker refused the connection (" + reason + "); check --user and --password");
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

    void info(String text) {
        synchronized (out) {
            out.println(LocalTime.now().format(TIME) + " " + text);
        }
    }

    private void line(String deviceId, String text) {
        info(deviceId + " " + text);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
