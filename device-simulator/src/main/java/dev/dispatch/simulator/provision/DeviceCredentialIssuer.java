package dev.dispatch.simulator.provision;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dispatch.simulator.contract.DeviceCredentials;
import dev.dispatch.simulator.contract.TopicContract;

/**
 * Issues courier devices their own MQTT logins the way an operator does: {@code POST /api/devices/{id}/credentials} on
 * the gateway with an operator's bearer token. The answer (201) carries the device's password, once; issuing again
 * replaces it (the old one stops working), so a device that is restarted without its password needs new credentials.
 */
public final class DeviceCredentialIssuer {

    /** Requests at once when issuing for many devices: a load run's thousands must not go one by one, nor all at once. */
    public static final int IN_FLIGHT = 16;

    // The broker's rule for a device's login (its id becomes one word of the address devices.{id}.telemetry): stricter
    // than the contract's device id, which also allows '.' and ':'.
    private static final Pattern LOGIN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final String operatorToken;
    // HTTP/1.1: one connection per request in flight, no h2c upgrade on each of the first ones.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param gatewayUrl    the gateway, e.g. {@code http://127.0.0.1:8080}
     * @param operatorToken a JWT with the operator role (bin/token operator NAME)
     */
    public DeviceCredentialIssuer(URI gatewayUrl, String operatorToken) {
        if (gatewayUrl == null || !("http".equals(gatewayUrl.getScheme()) || "https".equals(gatewayUrl.getScheme()))
                || gatewayUrl.getHost() == null) {
            throw new IllegalArgumentException("the gateway URL must be http(s)://host:port, was '" + gatewayUrl + "'");
        }
        if (operatorToken == null || operatorToken.isBlank()) {
            throw new IllegalArgumentException("an operator token is required to issue device credentials (bin/token operator NAME)");
        }
        this.base = gatewayUrl.toString().replaceAll("/+$", "");
        this.operatorToken = operatorToken.strip();
    }

    /** Whether the broker can log a device in under this id. */
    public static boolean isLoginId(String deviceId) {
        return deviceId != null && LOGIN_ID.matcher(deviceId).matches();
    }

    /** @throws IllegalArgumentException with the rule, for an id the broker would never let in as itself */
    public static String requireLoginId(String deviceId) {
        TopicContract.requireValidDeviceId(deviceId);
        if (!isLoginId(deviceId)) {
            throw new IllegalArgumentException("device id '" + deviceId + "' cannot log in to the broker as itself: a device's "
                    + "login is 1 to 64 letters, digits, '_' or '-', starting with a letter or digit");
        }
        return deviceId;
    }

    public URI endpoint(String deviceId) {
        return URI.create(base + "/api/devices/" + URLEncoder.encode(deviceId, StandardCharsets.UTF_8) + "/credentials");
    }

    /**
     * Issues one device's credentials (again).
     *
     * @throws GatewayProvisioning.ProvisioningFailed with the device, what the gateway said, or why it could not be asked
     */
    public DeviceCredentials issue(String deviceId) throws InterruptedException {
        return issueAll(List.of(deviceId), 1).get(deviceId);
    }

    /**
     * Issues every device's credentials, {@code inFlight} requests at a time, and stops at the first failure (no
     * further requests; those already sent are left to finish).
     *
     * @return by device id, in the order given
     * @throws GatewayProvisioning.ProvisioningFailed for the first device the gateway did not issue credentials for
     */
    public Map<String, DeviceCredentials> issueAll(List<String> deviceIds, int inFlight) throws InterruptedException {
        if (inFlight < 1) {
            throw new IllegalArgumentException("in flight must be at least 1, was " + inFlight);
        }
        deviceIds.forEach(DeviceCredentialIssuer::requireLoginId);
        Semaphore slots = new Semaphore(inFlight);
        AtomicReference<GatewayProvisioning.ProvisioningFailed> firstFailure = new AtomicReference<>();
        CompletableFuture<Void> failed = new CompletableFuture<>();
        Map<String, CompletableFuture<DeviceCredentials>> calls = new LinkedHashMap<>();
        for (String deviceId : deviceIds) {
            slots.acquire();
            if (failed.isDone()) {
                break;
            }
            // Settled once the failure (if any) is recorded: waiting on these never sees a failure before it is.
            calls.put(deviceId, request(deviceId).whenComplete((credentials, failure) -> {
                if (failure != null && firstFailure.compareAndSet(null, explain(deviceId, failure))) {
                    failed.complete(null);
                }
                slots.release();
            }));
        }
        try {
            CompletableFuture.anyOf(failed, CompletableFuture.allOf(calls.values().toArray(CompletableFuture[]::new))).get();
        } catch (ExecutionException aFailure) {
            // recorded in firstFailure
        }
        if (firstFailure.get() != null) {
            throw firstFailure.get();
        }
        Map<String, DeviceCredentials> issued = new LinkedHashMap<>();
        calls.forEach((deviceId, call) -> issued.put(deviceId, call.join()));
        return issued;
    }

    private CompletableFuture<DeviceCredentials> request(String deviceId) {
        HttpRequest request = HttpRequest.newBuilder(endpoint(deviceId))
                .timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + operatorToken)
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .thenApply(response -> credentials(deviceId, response.statusCode(), response.body()));
    }

    private GatewayProvisioning.ProvisioningFailed explain(String deviceId, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof GatewayProvisioning.ProvisioningFailed said) {
            return said;
        }
        if (cause instanceof IOException io) {
            return GatewayAnswers.unreachable(endpoint(deviceId), io);
        }
        return new GatewayProvisioning.ProvisioningFailed("issuing MQTT credentials for " + deviceId + " failed: " + cause);
    }

    static DeviceCredentials credentials(String deviceId, int status, String body) {
        String asked = "issuing MQTT credentials for " + deviceId;
        if (status != 201 && status != 200) {
            String problem = GatewayAnswers.problemOrNull(body);
            String hint = switch (status) {
                case 401 -> "the operator token was refused: make a fresh one with bin/token operator NAME";
                case 403 -> "the token is not an operator's: issuing device credentials is for operators";
                case 404 -> "an id the gateway does not take, or a gateway without POST /api/devices/{id}/credentials";
                default -> null;
            };
            throw new GatewayProvisioning.ProvisioningFailed("the gateway answered " + status + " to " + asked
                    + (problem == null ? "" : ": " + problem) + (hint == null ? "" : " (" + hint + ")"));
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new GatewayProvisioning.ProvisioningFailed("the gateway's answer to " + asked + " is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new GatewayProvisioning.ProvisioningFailed("the gateway's answer to " + asked + " is not a JSON object");
        }
        String id = GatewayAnswers.text(root, "deviceId");
        String username = GatewayAnswers.text(root, "username");
        String password = GatewayAnswers.text(root, "password");
        if (id != null && !id.equals(deviceId)) {
            throw new GatewayProvisioning.ProvisioningFailed("asked to issue credentials for " + deviceId + ", the gateway issued them for " + id);
        }
        if (username == null || password == null) {
            throw new GatewayProvisioning.ProvisioningFailed("the gateway's answer to " + asked + " has no username and password");
        }
        if (!username.equals(deviceId)) {
            // The broker holds a device to the topics of its login's name: under another name it could not publish its own.
            throw new GatewayProvisioning.ProvisioningFailed("the gateway issued " + deviceId + " the username '" + username
                    + "': a device logs in as its own id");
        }
        return new DeviceCredentials(deviceId, username, password);
    }
}
