package dev.dispatch.gateway.problem;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.validation.ElementKind;
import jakarta.validation.Path;

import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * Names offending fields the way a client wrote them: JSON paths into the body ({@code items[0].quantity}),
 * or the query parameter's or header's own name.
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

    static String of(List<JsonMappingException.Reference> path) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    /** A field of an OrderService request, e.g. {@code items[0].unit_price_minor}, as its REST field {@code items[0].unitPriceMinor}. */
    static String ofProto(String field) {
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
