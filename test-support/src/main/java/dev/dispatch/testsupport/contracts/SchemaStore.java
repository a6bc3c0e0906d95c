package dev.dispatch.testsupport.contracts;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The JSON Schemas of the contracts module, compiled once each. Every schema's {@code $id} is
 * {@link Contracts#BASE_URI} plus its path, so a relative {@code $ref} between two files resolves to another such URI,
 * which is read from the classpath under {@code contracts/} instead of the network.
 */
final class SchemaStore {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(Contracts.BASE_URI, "classpath:" + Contracts.CLASSPATH_ROOT)));
    // Formats (uuid, date-time) are only annotations in draft 2020-12 unless asserted: the contracts mean them.
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .locale(Locale.ROOT) // the same (English) messages on every machine
            .build();
    private static final Map<String, JsonSchema> COMPILED = new ConcurrentHashMap<>();

    private SchemaStore() {
    }

    static List<String> errors(String schema, JsonNode node) {
        return compiled(schema).validate(node).stream().map(ValidationMessage::getMessage).toList();
    }

    private static JsonSchema compiled(String schema) {
        return COMPILED.computeIfAbsent(schema, SchemaStore::compile);
    }

    private static JsonSchema compile(String schema) {
        if (Contracts.class.getClassLoader().getResource(Contracts.CLASSPATH_ROOT + schema) == null) {
            throw new IllegalArgumentException("no schema " + Contracts.CLASSPATH_ROOT + schema
                    + " on the classpath (names are relative to the contracts folder, e.g. events/order-event.v1.json)");
        }
        JsonSchema compiled = FACTORY.getSchema(SchemaLocation.of(Contracts.BASE_URI + schema), CONFIG);
        compiled.initializeValidators(); // resolve every $ref now: a broken one fails here, not in the middle of a test
        return compiled;
    }
}
