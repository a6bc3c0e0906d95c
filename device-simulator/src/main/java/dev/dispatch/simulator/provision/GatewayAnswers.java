package dev.dispatch.simulator.provision;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpTimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** How the gateway's answers and the failures to reach it read in one line, for every kind of provisioning. */
final class GatewayAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GatewayAnswers() {
    }

    /** Why a call to {@code url} got no answer. */
    static GatewayProvisioning.ProvisioningFailed unreachable(URI url, IOException failure) {
        if (failure instanceof ConnectException) {
            return new GatewayProvisioning.ProvisioningFailed("cannot reach the gateway at " + url + " (connection refused): is it running?");
        }
        if (failure instanceof HttpTimeoutException) {
            return new GatewayProvisioning.ProvisioningFailed("the gateway at " + url + " did not answer in time");
        }
        return new GatewayProvisioning.ProvisioningFailed("cannot reach the gateway at " + url + ": " + failure);
    }

    /** A problem+json's title and detail (and field errors), or the start of whatever it was; "(no body)" for none. */
    static String problem(String body) {
        String problem = problemOrNull(body);
        return problem == null ? "(no body)" : problem;
    }

    /** As {@link #problem}, but null for an empty answer. */
    static String problemOrNull(String body) {
        try {
            JsonNode root = body == null || body.isBlank() ? null : JSON.readTree(body);
            if (root != null && root.isObject()) {
                StringBuilder text = new StringBuilder(root.path("title").asText(""));
                if (root.hasNonNull("detail")) {
                    text.append(text.isEmpty() ? "" : ": ").append(root.get("detail").asText());
                }
                for (JsonNode violation : root.path("errors")) {
                    text.append("; ").append(violation.path("field").asText()).append(" ").append(violation.path("message").asText());
                }
                if (!text.isEmpty()) {
                    return text.toString();
                }
            }
        } catch (IOException notJson) {
            // below
        }
        String flat = body == null ? "" : body.replaceAll("\\s+", " ").strip();
        return flat.isEmpty() ? null : flat.substring(0, Math.min(200, flat.length()));
    }

    /** A field's text, or null when it is missing, not text or empty. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() && !value.asText().isEmpty() ? value.asText() : null;
    }
}
