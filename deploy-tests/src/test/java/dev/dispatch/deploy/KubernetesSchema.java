package dev.dispatch.deploy;

import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.gson.JsonParser;

/**
 * Strict validation against the Kubernetes API schema of {@link Repo#KUBERNETES_VERSION}: each object is read by
 * the model class that the Kubernetes Java client generates from that version's OpenAPI specification. Its
 * validateJsonElement refuses a field the schema does not define (at any depth), a missing required field and a
 * value of the wrong JSON type; reading it then checks numbers, quantities and int-or-string values.
 */
final class KubernetesSchema {

    /** The API group/version each kind we deploy must be written with. */
    private static final Map<String, String> API_VERSIONS = Map.of(
            "Namespace", "v1", "Service", "v1", "ConfigMap", "v1", "Secret", "v1",
            "Deployment", "apps/v1", "StatefulSet", "apps/v1",
            "PodDisruptionBudget", "policy/v1", "NetworkPolicy", "networking.k8s.io/v1",
            "HorizontalPodAutoscaler", "autoscaling/v2");

    private KubernetesSchema() {
    }

    /** The problems of one object; empty when it is valid. */
    static List<String> problems(ObjectNode manifest) {
        ObjectNode object = Yaml.copy(manifest);
        String source = object.path("x-source").asText("?");
        object.remove("x-source");
        object.remove("x-files");
        String kind = object.path("kind").asText();
        String apiVersion = object.path("apiVersion").asText();
        String where = source + ": " + kind + " " + object.path("metadata").path("name").asText();
        String expected = API_VERSIONS.get(kind);
        if (expected == null) {
            return List.of(where + ": kind " + kind + " is not one this deployment uses " + API_VERSIONS.keySet());
        }
        if (!expected.equals(apiVersion)) {
            return List.of(where + ": apiVersion " + apiVersion + ", expected " + expected);
        }
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        String model = "io.kubernetes.client.openapi.models." + Character.toUpperCase(version.charAt(0)) + version.substring(1) + kind;
        try {
            Class<?> type = Class.forName(model);
            String json = Yaml.json(object);
            type.getMethod("validateJsonElement", com.google.gson.JsonElement.class).invoke(null, JsonParser.parseString(json));
            type.getMethod("fromJson", String.class).invoke(null, json);
            return List.of();
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            return List.of(where + ": " + cause.getClass().getSimpleName() + ": " + shorten(cause.getMessage()));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no model " + model + " in the Kubernetes client", e);
        }
    }

    // The generated messages append the whole offending JSON; the first part says what is wrong.
    private static String shorten(String message) {
        if (message == null) {
            return "invalid";
        }
        int json = message.indexOf(" JSON: ");
        return json > 0 ? message.substring(0, json) : message.length() > 300 ? message.substring(0, 300) + "..." : message;
    }
}
