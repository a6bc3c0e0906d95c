package dev.dispatch.iot.support;

import java.io.InputStream;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** The committed JSON Schemas of the events iot-ingest publishes (src/main/resources/schemas). */
public final class EventSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchema DELIVERY = load("/schemas/delivery-event.v1.json");
    private static final JsonSchema ALERT = load("/schemas/device-alert.v1.json");

    private EventSchemas() {
    }

    public static Set<ValidationMessage> deliveryViolations(String json) {
        return validate(DELIVERY, json);
    }

    public static Set<ValidationMessage> alertViolations(String json) {
        return validate(ALERT, json);
    }

    private static Set<ValidationMessage> validate(JsonSchema schema, String json) {
        try {
            return schema.validate(JSON.readTree(json));
        } catch (Exception e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
    }

    private static JsonSchema load(String resource) {
        try (InputStream in = EventSchemas.class.getResourceAsStream(resource)) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(in, SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
        } catch (Exception e) {
            throw new IllegalStateException("cannot load " + resource, e);
        }
    }
}
