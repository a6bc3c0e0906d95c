package dev.dispatch.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Small edits of a valid payload into the invalid one a case needs. */
final class Json {

    private Json() {
    }

    /** A copy of the JSON (written with ' for ") as an object. */
    static ObjectNode object(String singleQuoted) {
        return (ObjectNode) Documents.parse(Documents.json1(singleQuoted));
    }

    /** A copy with the field at the pointer (e.g. /data/status) set to the value (a Java string, number, boolean or null). */
    static ObjectNode with(ObjectNode root, String pointer, Object value) {
        ObjectNode copy = root.deepCopy();
        parent(copy, pointer).set(last(pointer), node(value));
        return copy;
    }

    /** A copy without the field at the pointer. */
    static ObjectNode without(ObjectNode root, String pointer) {
        ObjectNode copy = root.deepCopy();
        parent(copy, pointer).remove(last(pointer));
        return copy;
    }

    private static ObjectNode parent(ObjectNode root, String pointer) {
        return (ObjectNode) root.at(pointer.substring(0, pointer.lastIndexOf('/')));
    }

    private static String last(String pointer) {
        return pointer.substring(pointer.lastIndexOf('/') + 1);
    }

    private static JsonNode node(Object value) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (value == null) {
            return nodes.nullNode();
        }
        if (value instanceof JsonNode json) {
            return json;
        }
        if (value instanceof String text) {
            return nodes.textNode(text);
        }
        if (value instanceof Integer number) {
            return nodes.numberNode(number);
        }
        if (value instanceof Long number) {
            return nodes.numberNode(number);
        }
        if (value instanceof Double number) {
            return nodes.numberNode(number);
        }
        if (value instanceof Boolean flag) {
            return nodes.booleanNode(flag);
        }
        throw new IllegalArgumentException("not a JSON value: " + value);
    }
}
