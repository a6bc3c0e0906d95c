package dev.dispatch.order.support;

import java.io.InputStream;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** The committed JSON Schema of order events (src/main/resources/schemas), as the tests check events against it. */
public final class EventSchema {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchema SCHEMA = load();

    private EventSchema() {
    }

    /** The schema's complaints about the event; empty when it conforms. */
    public static Set<ValidationMessage> violations(String eventJson) {
        try {
            return SCHEMA.validate(JSON.readTree(eventJson));
        } catch (Exception e) {
            throw new IllegalArgumentException("not JSON: " + eventJson, e);
        }
    }

    public static JsonNode parse(String eventJson) {
        try {
            return JSON.readTree(eventJson);
        } catch (Exception e) {
            throw new IllegalArgumentException("not JSON: " + eventJson, e);
        }
    }

    private static JsonSchema load() {
        try (InputStream in = EventSchema.class.getResourceAsStream("/schemas/order-event.v1.json")) {
            // Formats (uuid, date-time) are only annotations in draft 2020-12 unless asserted: assert them.
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(in, SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
        } catch (Exception e) {
            throw new IllegalStateException("cannot load the order event schema", e);
        }
    }
}
