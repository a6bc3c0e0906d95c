package dev.dispatch.notification.rest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dispatch.notification.model.Channel;
import dev.dispatch.notification.model.Preferences;
import dev.dispatch.platform.problem.FieldError;

/**
 * Reads and validates the body of {@code PUT /api/notifications/preferences}, reporting every bad field:
 * {@code {"types": {"<event type>": {"websocket": true|false, "sse": true|false}}}}.
 */
public final class PreferencesRequest {

    static final int MAX_TYPES = 50;
    static final int MAX_TYPE_LENGTH = 100;
    // CloudEvent type names as Dispatch uses them: dot-separated lower-case segments, e.g. dispatch.order.paid
    static final Pattern TYPE = Pattern.compile("[a-z0-9]+(\\.[a-z0-9][a-z0-9-]*)+");

    /** The body is not JSON at all. */
    public static final class MalformedJson extends Exception {
        MalformedJson(String message) {
            super(message);
        }
    }

    /** The body is JSON but breaks the rules; each offending field once. */
    public static final class Invalid extends Exception {
        private final transient List<FieldError> errors;

        Invalid(List<FieldError> errors) {
            super(errors.size() + (errors.size() == 1 ? " field is" : " fields are") + " not valid");
            this.errors = errors;
        }

        public List<FieldError> errors() {
            return errors;
        }
    }

    private PreferencesRequest() {
    }

    public static Preferences parse(ObjectMapper mapper, String body) throws MalformedJson, Invalid {
        JsonNode root;
        try {
            root = body == null || body.isBlank() ? null : mapper.readTree(body);
        } catch (IOException e) {
            throw new MalformedJson("The body is not valid JSON");
        }
        if (root == null) {
            throw new MalformedJson("The body is empty; send {\"types\": {...}}");
        }
        List<FieldError> errors = new ArrayList<>();
        if (!root.isObject()) {
            throw new Invalid(List.of(new FieldError("", "must be a JSON object")));
        }
        root.fieldNames().forEachRemaining(name -> {
            if (!name.equals("types")) {
                errors.add(new FieldError(name, "is not a known field (only 'types')"));
            }
        });
        JsonNode types = root.get("types");
        Map<String, Map<Channel, Boolean>> switches = new LinkedHashMap<>();
        if (types == null || types.isNull()) {
            errors.add(new FieldError("types", "is required"));
        } else if (!types.isObject()) {
            errors.add(new FieldError("types", "must be an object of event types"));
        } else if (types.size() > MAX_TYPES) {
            errors.add(new FieldError("types", "may name at most " + MAX_TYPES + " event types"));
        } else {
            Iterator<Map.Entry<String, JsonNode>> entries = types.fields();
            while (entries.hasNext()) {
                Map.Entry<String, JsonNode> entry = entries.next();
                Map<Channel, Boolean> byChannel = channels("types." + entry.getKey(), entry.getValue(), errors);
                if (entry.getKey().length() > MAX_TYPE_LENGTH || !TYPE.matcher(entry.getKey()).matches()) {
                    errors.add(new FieldError("types." + entry.getKey(),
                            "is not an event type name (like dispatch.order.paid, at most " + MAX_TYPE_LENGTH + " characters)"));
                }
                switches.put(entry.getKey(), byChannel);
            }
        }
        if (!errors.isEmpty()) {
            throw new Invalid(errors);
        }
        return new Preferences(switches);
    }

    private static Map<Channel, Boolean> channels(String path, JsonNode node, List<FieldError> errors) {
        Map<Channel, Boolean> byChannel = new EnumMap<>(Channel.class);
        if (!node.isObject()) {
            errors.add(new FieldError(path, "must be an object like {\"websocket\": true, \"sse\": false}"));
            return byChannel;
        }
        node.fields().forEachRemaining(field -> {
            var channel = Channel.byKey(field.getKey());
            if (channel.isEmpty()) {
                errors.add(new FieldError(path + "." + field.getKey(), "is not a channel (websocket, sse)"));
            } else if (!field.getValue().isBoolean()) {
                errors.add(new FieldError(path + "." + field.getKey(), "must be true or false"));
            } else {
                byChannel.put(channel.get(), field.getValue().booleanValue());
            }
        });
        return byChannel;
    }
}
