package dev.dispatch.deploy;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One container of a deployment, as the cross-checks see it, whether it comes from docker-compose.yml or from a
 * Kubernetes workload: what runs there, its environment, and the files mounted into it.
 *
 * @param where        for messages, e.g. "docker-compose.yml services.gateway"
 * @param module       the Dispatch service it runs, or null for the servers (database, broker, XMPP, TURN, Jaeger)
 * @param role         what it is
 * @param env          each variable's source as written: a text node (compose, or k8s {@code value}) or a k8s valueFrom
 * @param mountedFiles absolute paths of files mounted into it, each with where it comes from: the repository file
 *                     (a Compose bind mount, a generated ConfigMap's file), else a description ("ConfigMap x key y")
 * @param command      its command and arguments as one line, where the file overrides the image's (else "")
 */
record Unit(String where, String module, Role role, Map<String, JsonNode> env, Map<String, String> mountedFiles, String command) {

    enum Role { SERVICE, POSTGRES, BROKER, XMPP, TURN, TRACES }

    /** Each variable's value where the file states it; variables from Secrets and unresolvable ones are absent. */
    Map<String, String> literalEnv() {
        Map<String, String> literal = new LinkedHashMap<>();
        env.forEach((name, source) -> {
            String value = literal(source);
            if (value != null) {
                literal.put(name, value);
            }
        });
        return literal;
    }

    /** A text value, with compose's ${VAR:-default} / ${VAR-default} resolved to the default. */
    static String literal(JsonNode source) {
        JsonNode node = source.has("value") ? source.get("value") : source;
        if (!node.isValueNode()) {
            return null;
        }
        String text = node.asText();
        java.util.regex.Matcher interpolation = java.util.regex.Pattern.compile("\\$\\{[A-Za-z0-9_]+(:?-)([^}]*)}").matcher(text);
        StringBuilder resolved = new StringBuilder();
        while (interpolation.find()) {
            interpolation.appendReplacement(resolved, java.util.regex.Matcher.quoteReplacement(interpolation.group(2)));
        }
        interpolation.appendTail(resolved);
        return resolved.indexOf("${") >= 0 ? null : resolved.toString();
    }
}
