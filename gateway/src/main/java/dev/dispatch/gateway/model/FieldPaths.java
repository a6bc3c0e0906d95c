package dev.dispatch.gateway.model;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.validation.ElementKind;
import jakarta.validation.Path;

/**
 * Names offending fields the way a client wrote them: paths into the request ({@code items[0].quantity}), or the
 * query parameter's or header's own name. Both APIs use the same names (GraphQL's input fields are REST's).
 */
public final class FieldPaths {

    /** Where order-service's request fields (snake_case proto names) are not simply the camelCase body field. */
    private static final Map<String, String> PROTO_TO_REST = Map.of(
            "idempotency_key", "Idempotency-Key",
            "order_id", "id",
            "device_id", "id",
            "page_size", "limit",
            "page_token", "cursor");

    private static final Pattern SNAKE = Pattern.compile("_([a-z0-9])");

    private FieldPaths() {
    }

    /** A Bean Validation path, less the method and the body parameter: the body's fields are what the client sees. */
    public static String of(Path path) {
        StringBuilder out = new StringBuilder();
        String parameter = "";
        for (Path.Node node : path) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.PARAMETER) {
                parameter = node.getName();
            } else if (kind == ElementKind.PROPERTY || kind == ElementKind.CONTAINER_ELEMENT) {
                if (node.isInIterable()) {
                    out.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
                }
                if (kind == ElementKind.PROPERTY) {
                    out.append(out.isEmpty() ? "" : ".").append(node.getName());
                }
            }
        }
        return out.isEmpty() ? parameter : out.toString();
    }

    /** A field of an OrderService request, e.g. {@code items[0].unit_price_minor}, as its REST field {@code items[0].unitPriceMinor}. */
    public static String ofProto(String field) {
        String renamed = PROTO_TO_REST.get(field);
        if (renamed != null) {
            return renamed;
        }
        Matcher m = SNAKE.matcher(field);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, m.group(1).toUpperCase());
        }
        m.appendTail(out);
        return out.toString();
    }
}
