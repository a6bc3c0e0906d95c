package dev.dispatch.simulator.coap;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;

/** How a sensor takes iot-ingest's answer to its readings. */
enum Answer {
    /** 2.04: stored. */
    STORED,
    /** 4.29 Too Many Requests, 5.xx, or no answer at all: keep the readings and try again. */
    RETRY,
    /** Any other 4.xx: these readings will never be taken; drop them. */
    REFUSED;

    static Answer of(ResponseCode code) {
        if (code == ResponseCode.CHANGED || code == ResponseCode.CREATED) {
            return STORED;
        }
        if (code == ResponseCode.TOO_MANY_REQUESTS || code.isServerError()) {
            return RETRY;
        }
        return REFUSED;
    }

    /** "2.04 Changed", "4.00 Bad Request: temperatureC ...". */
    static String describe(ResponseCode code, String diagnostic) {
        String text = code.text + " " + words(code.name());
        return diagnostic == null || diagnostic.isBlank() ? text : text + ": " + diagnostic;
    }

    private static String words(String constant) {
        StringBuilder out = new StringBuilder();
        for (String word : constant.split("_")) {
            out.append(out.isEmpty() ? "" : " ").append(word.charAt(0)).append(word.substring(1).toLowerCase());
        }
        return out.toString();
    }
}
