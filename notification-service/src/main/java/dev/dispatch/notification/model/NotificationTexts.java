package dev.dispatch.notification.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The human text of a notification: one sentence per known event type, and for any other type a sentence
 * made from its stream and the last segment of its name, so a new event type is shown before it is known.
 * Pure: it reads only the event's type and data (as published), and the order and device the event names.
 */
public final class NotificationTexts {

    private NotificationTexts() {
    }

    public static String describe(EventStream stream, String type, JsonNode data, String orderId, String deviceId) {
        String order = "order " + shortId(orderId);
        String known = switch (type) {
            case "dispatch.order.placed" -> "Your " + order + " was placed" + total(data) + ".";
            case "dispatch.order.paid" -> "Payment received for " + order + total(data) + ".";
            case "dispatch.order.payment-declined" -> "Payment for " + order + " was declined" + reason(data) + ".";
            case "dispatch.order.payment-failed" -> "Payment for " + order + " could not be completed" + reason(data) + ".";
            case "dispatch.order.dispatched" -> capitalized(order) + " is on its way"
                    + (deviceId == null ? "" : " with courier " + deviceId) + ".";
            case "dispatch.order.delivered" -> capitalized(order) + " was delivered.";
            case "dispatch.order.cancelled" -> capitalized(order) + " was cancelled" + reason(data) + ".";
            case "dispatch.sensor.alert.temperature", "dispatch.sensor.alert.shock", "dispatch.sensor.alert.battery" ->
                    sensorAlert(type, data, order, deviceId);
            default -> null;
        };
        return known != null ? known : byStream(stream, type, data, order, deviceId);
    }

    private static String byStream(EventStream stream, String type, JsonNode data, String order, String deviceId) {
        String what = lastSegment(type);
        return switch (stream) {
            case ORDER_EVENTS -> capitalized(order) + ": " + what + ".";
            case DELIVERY_EVENTS -> delivery(data, what, order);
            case DEVICE_ALERTS -> alert(data, what, order, deviceId);
        };
    }

    private static String delivery(JsonNode data, String what, String order) {
        if (what.contains("progress")) {
            String distance = distance(data);
            return distance == null ? "Your courier is on the way with " + order + "."
                    : "Your courier is " + distance + " from the destination of " + order + ".";
        }
        if (what.contains("complete") || what.contains("delivered")) {
            return capitalized(order) + " has been handed over.";
        }
        return "Delivery update for " + order + ": " + what + ".";
    }

    private static String alert(JsonNode data, String what, String order, String deviceId) {
        String device = "device " + (deviceId == null ? "?" : deviceId);
        String about = order.endsWith("?") ? "" : " (" + order + ")";
        if (what.contains("temperature")) {
            String reading = number(data, "temperatureC", "cargoTemperatureC", "value");
            return "Cargo temperature alert on " + device + about + (reading == null ? "" : ": " + reading + " °C") + ".";
        }
        if (what.contains("battery")) {
            return "Battery low on " + device + about + ".";
        }
        if (what.contains("offline")) {
            return capitalized(device) + " went offline" + about + ".";
        }
        return "Alert from " + device + about + ": " + what + ".";
    }

    /**
     * A cargo sensor's alert: the sensor (data.sensorId, else the id the event names), the courier whose box it rides
     * in, the reading and the limit it crossed, and the order if any, e.g. "Cargo sensor tag-1 on courier-1 reads
     * 9.5 °C, above the 8.0 °C limit (order 3f2a9c1e)."
     */
    private static String sensorAlert(String type, JsonNode data, String order, String deviceId) {
        String sensorId = text(data, "sensorId");
        String courier = text(data, "courierDeviceId");
        String sensor = "cargo sensor " + (sensorId != null ? sensorId : deviceId == null ? "?" : deviceId)
                + (courier == null ? "" : " on " + courier);
        String about = order.endsWith("?") ? "" : " (" + order + ")";
        String value = measure(data, "value");
        String limit = measure(data, "limit");
        String sentence = switch (type) {
            case "dispatch.sensor.alert.temperature" -> capitalized(sensor) + (value == null ? " is too warm"
                    : " reads " + value + " °C" + (limit == null ? "" : ", above the " + limit + " °C limit"));
            case "dispatch.sensor.alert.shock" -> capitalized(sensor) + (value == null ? " was shocked"
                    : " felt a shock of " + value + " g" + (limit == null ? "" : ", above the " + limit + " g limit"));
            default -> "Battery low on " + sensor + (value == null ? ""
                    : ": " + value + " %" + (limit == null ? "" : ", below " + limit + " %"));
        };
        return sentence + about + ".";
    }

    private static String text(JsonNode data, String field) {
        JsonNode value = data == null ? null : data.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    /** A measurement as a person reads it: at most two decimals, at least one (8 → 8.0, 9.399999618 → 9.4). */
    private static String measure(JsonNode data, String field) {
        JsonNode value = data == null ? null : data.get(field);
        if (value == null || !value.isNumber() || !Double.isFinite(value.asDouble())) {
            return null;
        }
        BigDecimal rounded = value.decimalValue().setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
        return (rounded.scale() < 1 ? rounded.setScale(1) : rounded).toPlainString();
    }

    private static String total(JsonNode data) {
        JsonNode total = data == null ? null : data.get("total");
        if (total == null || !total.path("amountMinor").canConvertToLong() || !total.path("currency").isTextual()) {
            return "";
        }
        String currency = total.get("currency").asText();
        int digits = 2;
        try {
            digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException unknownCurrency) {
            // two decimals, like most currencies
        }
        return " (" + BigDecimal.valueOf(total.get("amountMinor").asLong(), digits).toPlainString() + " " + currency + ")";
    }

    private static String reason(JsonNode data) {
        JsonNode status = data == null ? null : data.get("statusReason");
        String reason = status != null && status.isValueNode() && !status.isNull() && !status.asText().isBlank() ? status.asText() : null;
        if (reason == null && data != null) {
            JsonNode payment = data.path("payment").path("reason");
            reason = payment.isTextual() ? payment.asText() : null;
        }
        return reason == null ? "" : ": " + reason.replace('_', ' ');
    }

    private static String distance(JsonNode data) {
        String meters = number(data, "distanceMeters", "distanceToDestinationMeters", "remainingMeters");
        if (meters == null) {
            return null;
        }
        double m = Double.parseDouble(meters);
        return m >= 1000 ? String.format(Locale.ROOT, "%.1f km", m / 1000) : String.format(Locale.ROOT, "%.0f m", m);
    }

    private static String number(JsonNode data, String... fields) {
        if (data == null) {
            return null;
        }
        for (String field : fields) {
            JsonNode value = data.get(field);
            if (value != null && value.isNumber()) {
                return value.asText();
            }
        }
        return null;
    }

    private static String lastSegment(String type) {
        String last = type.substring(type.lastIndexOf('.') + 1);
        return last.replace('-', ' ').replace('_', ' ');
    }

    /** The first 8 characters of an id are enough for a person to tell orders apart. */
    static String shortId(String id) {
        if (id == null) {
            return "?";
        }
        return id.length() > 8 ? id.substring(0, 8) : id;
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
