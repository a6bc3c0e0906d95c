package dev.dispatch.iot.support;

import java.time.Instant;
import java.util.List;

import dev.dispatch.testsupport.contracts.Contracts;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Sensor readings as the CoAP contract has them (contracts/coap/readings.json), checked when made. */
public final class Readings {

    private Readings() {
    }

    public static JsonObject reading(Instant time, double temperatureC, double humidityPercent, double shockG, double batteryPercent) {
        JsonObject reading = new JsonObject();
        if (time != null) {
            reading.put("time", time.toString());
        }
        reading.put("temperatureC", temperatureC).put("humidityPercent", humidityPercent).put("shockG", shockG).put("batteryPercent", batteryPercent);
        Contracts.assertValid("coap/reading.json", reading.encode());
        return reading;
    }

    /** A reading well within every limit. */
    public static JsonObject calm(Instant time) {
        return reading(time, 4.5, 61, 0.3, 87.5);
    }

    public static String json(JsonObject reading) {
        return reading.encode();
    }

    public static String json(List<JsonObject> readings) {
        String json = new JsonArray(List.copyOf(readings)).encode();
        Contracts.assertValid("coap/readings.json", json);
        return json;
    }
}
