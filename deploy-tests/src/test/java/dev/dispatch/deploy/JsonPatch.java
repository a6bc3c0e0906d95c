package dev.dispatch.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** RFC 6902 JSON Patch: the operations add, remove, replace and test, as kustomize applies them. */
final class JsonPatch {

    private JsonPatch() {
    }

    static void apply(ObjectNode target, JsonNode operations, String source) {
        if (!operations.isArray()) {
            throw new IllegalArgumentException(source + ": a JSON patch is a list of operations");
        }
        for (JsonNode operation : operations) {
            String op = text(operation, "op", source);
            String path = text(operation, "path", source);
            String where = source + ": " + op + " " + path;
            switch (op) {
                case "add" -> add(target, path, value(operation, where), where);
                case "replace" -> replace(target, path, value(operation, where), where);
                case "remove" -> remove(target, path, where);
                case "test" -> {
                    if (!at(target, path, where).equals(value(operation, where))) {
                        throw new IllegalArgumentException(where + ": test failed");
                    }
                }
                default -> throw new IllegalArgumentException(where + ": unsupported operation (add, remove, replace, test)");
            }
        }
    }

    private static void add(ObjectNode root, String path, JsonNode value, String where) {
        JsonNode parent = at(root, parentOf(path), where);
        String last = lastOf(path);
        if (parent instanceof ObjectNode object) {
            object.set(last, value.deepCopy());
        } else if (parent instanceof ArrayNode array) {
            if (last.equals("-")) {
                array.add(value.deepCopy());
            } else {
                array.insert(index(array, last, true, where), value.deepCopy());
            }
        } else {
            throw new IllegalArgumentException(where + ": the parent is not an object or a list");
        }
    }

    private static void replace(ObjectNode root, String path, JsonNode value, String where) {
        at(root, path, where); // must exist
        JsonNode parent = at(root, parentOf(path), where);
        String last = lastOf(path);
        if (parent instanceof ObjectNode object) {
            object.set(last, value.deepCopy());
        } else {
            ((ArrayNode) parent).set(index((ArrayNode) parent, last, false, where), value.deepCopy());
        }
    }

    private static void remove(ObjectNode root, String path, String where) {
        at(root, path, where); // must exist
        JsonNode parent = at(root, parentOf(path), where);
        String last = lastOf(path);
        if (parent instanceof ObjectNode object) {
            object.remove(last);
        } else {
            ((ArrayNode) parent).remove(index((ArrayNode) parent, last, false, where));
        }
    }

    private static JsonNode at(JsonNode root, String path, String where) {
        if (path.isEmpty()) {
            return root;
        }
        JsonNode node = root.at(path);
        if (node.isMissingNode()) {
            throw new IllegalArgumentException(where + ": no such path in the target");
        }
        return node;
    }

    private static int index(ArrayNode array, String token, boolean forAdd, String where) {
        try {
            int index = Integer.parseInt(token);
            if (index < 0 || index > array.size() || (!forAdd && index == array.size())) {
                throw new IllegalArgumentException(where + ": index " + index + " out of bounds");
            }
            return index;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": '" + token + "' is not a list index", e);
        }
    }

    private static String parentOf(String path) {
        return path.substring(0, path.lastIndexOf('/'));
    }

    private static String lastOf(String path) {
        return path.substring(path.lastIndexOf('/') + 1).replace("~1", "/").replace("~0", "~");
    }

    private static String text(JsonNode operation, String field, String source) {
        JsonNode value = operation.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(source + ": an operation without '" + field + "'");
        }
        if (field.equals("path") && !value.asText().startsWith("/")) {
            throw new IllegalArgumentException(source + ": path '" + value.asText() + "' is not a JSON pointer");
        }
        return value.asText();
    }

    private static JsonNode value(JsonNode operation, String where) {
        JsonNode value = operation.get("value");
        if (value == null) {
            throw new IllegalArgumentException(where + ": no value");
        }
        return value;
    }
}
