package dev.dispatch.testsupport.contracts;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A sensor resource of the CoAP contract: {@code sensors/{sensorId}/readings|config}, as a path with or without its
 * leading slash, or as a whole {@code coap://} or {@code coaps://} URI.
 */
record CoapPath(String sensorId, String resource) {

    private static final Pattern PATH = Pattern.compile("(?:coaps?://[^/]+)?/?sensors/([A-Za-z0-9._:-]{1,64})/(readings|config)");

    /** The path parsed, or null when it is not one of the contract. */
    static CoapPath parse(String path) {
        Matcher matcher = PATH.matcher(path == null ? "" : path);
        return matcher.matches() ? new CoapPath(matcher.group(1), matcher.group(2)) : null;
    }

    /** The channel address in the AsyncAPI document, e.g. sensors/{sensorId}/readings. */
    String address() {
        return "sensors/{sensorId}/" + resource;
    }
}
