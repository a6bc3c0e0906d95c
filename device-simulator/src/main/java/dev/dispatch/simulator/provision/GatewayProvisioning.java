package dev.dispatch.simulator.provision;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.dispatch.simulator.contract.CoapContract;
import dev.dispatch.simulator.contract.SensorCredentials;

/**
 * Provisions sensors the way an operator does: {@code POST /api/sensors} on the gateway with an operator's bearer
 * token. The answer (201) carries the sensor's pre-shared key, once; provisioning a sensor again issues a new key
 * and the old one stops working, so every run of the simulator starts with fresh keys.
 */
public final class GatewayProvisioning {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI sensors;
    private final String operatorToken;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param gatewayUrl    the gateway, e.g. {@code http://127.0.0.1:8080}
     * @param operatorToken a JWT with the operator role (bin/token operator NAME)
     */
    public GatewayProvisioning(URI gatewayUrl, String operatorToken) {
        if (gatewayUrl == null || !("http".equals(gatewayUrl.getScheme()) || "https".equals(gatewayUrl.getScheme()))
                || gatewayUrl.getHost() == null) {
            throw new IllegalArgumentException("the gateway URL must be http(s)://host:port, was '" + gatewayUrl + "'");
        }
        if (operatorToken == null || operatorToken.isBlank()) {
            throw new IllegalArgumentException("an operator token is required to provision sensors (bin/token operator NAME)");
        }
        String base = gatewayUrl.toString().replaceAll("/+$", "");
        this.sensors = URI.create(base + "/api/sensors");
        this.operatorToken = operatorToken.strip();
    }

    public URI endpoint() {
        return sensors;
    }

    /**
     * Provisions one sensor (again).
     *
     * @param courierDeviceId the courier it rides with, or empty
     * @param reportIntervalSeconds the interval its configuration starts with, or null for iot-ingest's default
     * @throws ProvisioningFailed with what the gateway said, or why it could not be asked
     */
    public SensorCredentials provision(String sensorId, String courierDeviceId, Integer reportIntervalSeconds)
            throws InterruptedException {
        CoapContract.requireValidSensorId(sensorId);
        ObjectNode body = JSON.createObjectNode().put("sensorId", sensorId);
        if (courierDeviceId != null && !courierDeviceId.isEmpty()) {
            body.put("courierDeviceId", courierDeviceId);
        }
        if (reportIntervalSeconds != null) {
            body.put("reportIntervalSeconds", reportIntervalSeconds);
        }
        HttpRequest request = HttpRequest.newBuilder(sensors)
                .timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + operatorToken)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw GatewayAnswers.unreachable(sensors, e);
        }
        return credentials(sensorId, courierDeviceId, response.statusCode(), response.body());
    }

    static SensorCredentials credentials(String sensorId, String courierDeviceId, int status, String body) {
        if (status == 401) {
            throw new ProvisioningFailed("the gateway refused the operator token (401): make a fresh one with bin/token operator NAME");
        }
        if (status == 403) {
            throw new ProvisioningFailed("the token is not an operator's (403): provisioning sensors is for operators");
        }
        if (status != 201 && status != 200) {
            throw new ProvisioningFailed("the gateway answered " + status + " to provisioning " + sensorId + ": " + GatewayAnswers.problem(body));
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new ProvisioningFailed("the gateway's answer to provisioning " + sensorId + " is not JSON");
        }
        String id = GatewayAnswers.text(root, "sensorId");
        if (id == null) {
            id = GatewayAnswers.text(root.path("sensor"), "id");
        }
        String identity = GatewayAnswers.text(root, "pskIdentity");
        String key = GatewayAnswers.text(root, "pskKey");
        if (identity == null || key == null) {
            throw new ProvisioningFailed("the gateway's answer to provisioning " + sensorId + " has no pskIdentity and pskKey");
        }
        if (id != null && !id.equals(sensorId)) {
            throw new ProvisioningFailed("asked to provision " + sensorId + ", the gateway provisioned " + id);
        }
        return new SensorCredentials(sensorId, identity, key, courierDeviceId);
    }

    /** Provisioning could not be done; the message says why, in one line. */
    public static final class ProvisioningFailed extends RuntimeException {
        public ProvisioningFailed(String message) {
            super(message);
        }
    }
}
