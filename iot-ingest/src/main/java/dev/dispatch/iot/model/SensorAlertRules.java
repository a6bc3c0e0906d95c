package dev.dispatch.iot.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * When a sensor's readings raise alerts, each once per episode, as pure functions of the stored episodes:
 * <ul>
 * <li>temperature: above min(the sensor's maxTemperatureC, the bound order's maxCargoTemperatureC); over with a reading
 * at or below it, or when the courier delivers another order (that order's customer hears of it afresh);</li>
 * <li>shock: above the sensor's maxShockG; over with a reading at or below it;</li>
 * <li>battery: below {@code batteryLowPercent}; over only above {@code batteryRearmPercent}.</li>
 * </ul>
 * A reading not newer than one already decided on (a re-sent or buffered old one) decides nothing.
 */
public record SensorAlertRules(double batteryLowPercent, double batteryRearmPercent) {

    /** The episodes after the reading, and the alerts it raises (in the order temperature, shock, battery). */
    public record Outcome(SensorEpisodes episodes, List<SensorAlert> alerts) {
    }

    public Outcome decide(SensorEpisodes before, String courierDeviceId, SensorConfig config, Binding binding, SensorReading reading) {
        if (before.newestDecided() != null && !reading.sensorTime().isAfter(before.newestDecided())) {
            return new Outcome(before, List.of());
        }
        List<SensorAlert> alerts = new ArrayList<>(1);
        UUID order = binding == null ? null : binding.orderId();

        double temperatureLimit = temperatureLimit(config, binding);
        boolean temperature = before.temperature() && Objects.equals(before.temperatureOrder(), order);
        UUID temperatureOrder = before.temperatureOrder();
        if (reading.temperatureC() > temperatureLimit) {
            if (!temperature) {
                temperature = true;
                temperatureOrder = order;
                alerts.add(new SensorAlert(SensorAlert.Kind.TEMPERATURE, reading.sensorId(), courierDeviceId, binding, reading,
                        reading.temperatureC(), temperatureLimit));
            }
        } else {
            temperature = false;
            temperatureOrder = null;
        }

        boolean shock = before.shock();
        if (reading.shockG() > config.maxShockG()) {
            if (!shock) {
                shock = true;
                alerts.add(new SensorAlert(SensorAlert.Kind.SHOCK, reading.sensorId(), courierDeviceId, binding, reading, reading.shockG(),
                        config.maxShockG()));
            }
        } else {
            shock = false;
        }

        boolean battery = before.battery();
        if (reading.batteryPercent() < batteryLowPercent) {
            if (!battery) {
                battery = true;
                alerts.add(new SensorAlert(SensorAlert.Kind.BATTERY, reading.sensorId(), courierDeviceId, binding, reading,
                        reading.batteryPercent(), batteryLowPercent));
            }
        } else if (reading.batteryPercent() > batteryRearmPercent) {
            battery = false;
        }
        return new Outcome(new SensorEpisodes(temperature, temperature ? temperatureOrder : null, shock, battery, reading.sensorTime()),
                List.copyOf(alerts));
    }

    /** The lower of the sensor's own limit and the bound order's, if it has one. */
    public static double temperatureLimit(SensorConfig config, Binding binding) {
        Double orderLimit = binding == null ? null : binding.maxCargoTemperatureC();
        return orderLimit == null ? config.maxTemperatureC() : Math.min(config.maxTemperatureC(), orderLimit);
    }
}
