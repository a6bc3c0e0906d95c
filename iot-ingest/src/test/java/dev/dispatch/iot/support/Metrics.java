package dev.dispatch.iot.support;

import static io.restassured.RestAssured.given;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Counters as the load generator reads them: Prometheus text at /q/metrics. */
public final class Metrics {

    private Metrics() {
    }

    public static double accepted(String kind) {
        return value("dispatch_ingest_accepted_total", "kind", kind);
    }

    public static double rejected(String reason) {
        return value("dispatch_ingest_rejected_total", "reason", reason);
    }

    public static double coapRejected(String reason) {
        return value("dispatch_coap_rejected_total", "reason", reason);
    }

    public static double coapReadings() {
        return value("dispatch_coap_readings_total", null, null);
    }

    public static double deviceLogins(String outcome) {
        return value("dispatch_broker_device_logins_total", "outcome", outcome);
    }

    public static double stored() {
        return value("dispatch_ingest_telemetry_stored_total", null, null);
    }

    private static double value(String name, String tag, String tagValue) {
        String text = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Pattern line = Pattern.compile("^" + name + "(?:\\{([^}]*)\\})? (\\S+)$", Pattern.MULTILINE);
        Matcher m = line.matcher(text);
        while (m.find()) {
            if (tag == null || m.group(1) != null && m.group(1).contains(tag + "=\"" + tagValue + "\"")) {
                return Double.parseDouble(m.group(2));
            }
        }
        throw new AssertionError(name + (tag == null ? "" : "{" + tag + "=" + tagValue + "}") + " is not at /q/metrics");
    }
}
