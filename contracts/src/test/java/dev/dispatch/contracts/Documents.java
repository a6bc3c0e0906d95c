package dev.dispatch.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The documents of this module as its tests read them: from the classpath (contracts/..., what the jar carries), the
 * way test-support's Contracts does (which cannot be used here: test-support depends on this module).
 */
final class Documents {

    static final String BASE_URI = "https://dispatch.example/contracts/";
    static final String ROOT = "contracts/";
    static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";
    /** This module's folder (surefire runs in it and sets basedir). */
    static final Path FOLDER = Path.of(System.getProperty("basedir", "."));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(BASE_URI, "classpath:" + ROOT)));
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .locale(Locale.ROOT)
            .build();
    private static final Map<String, JsonSchema> COMPILED = new ConcurrentHashMap<>();

    private Documents() {
    }

    static JsonNode asyncApi() {
        return read("asyncapi.yaml", YAML);
    }

    static JsonNode json(String file) {
        return read(file, JSON);
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** JSON written with ' for ", to keep the cases short. */
    static String json1(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    static List<String> errors(String schema, JsonNode node) {
        return COMPILED.computeIfAbsent(schema, Documents::compile).validate(node).stream().map(ValidationMessage::getMessage).toList();
    }

    static List<String> errors(String schema, String json) {
        return errors(schema, parse(json));
    }

    /** What the draft 2020-12 meta-schema (bundled with the validator, no download) says about a schema. */
    static List<String> metaSchemaErrors(JsonNode schema) {
        JsonSchema meta = COMPILED.computeIfAbsent(DRAFT_2020_12, uri -> FACTORY.getSchema(SchemaLocation.of(uri), CONFIG));
        return meta.validate(schema).stream().map(ValidationMessage::getMessage).toList();
    }

    /** The folders of schema files, one per kind of contract. */
    static final List<String> SCHEMA_FOLDERS = List.of("events", "mqtt", "coap", "stomp", "websocket");

    /** The schema files in the source folder (events/, mqtt/, coap/, stomp/, websocket/), as paths relative to it. */
    static List<String> sourceSchemaFiles() {
        return SCHEMA_FOLDERS.stream().flatMap(Documents::jsonFilesIn).sorted().toList();
    }

    private static Stream<String> jsonFilesIn(String folder) {
        try (Stream<Path> files = Files.list(FOLDER.resolve(folder))) {
            return files.filter(path -> path.getFileName().toString().endsWith(".json"))
                    .map(path -> FOLDER.relativize(path).toString().replace('\\', '/'))
                    .toList()
                    .stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean onClasspath(String file) {
        return Documents.class.getClassLoader().getResource(ROOT + file) != null;
    }

    private static JsonSchema compile(String schema) {
        JsonSchema compiled = FACTORY.getSchema(SchemaLocation.of(BASE_URI + schema), CONFIG);
        compiled.initializeValidators();
        return compiled;
    }

    private static JsonNode read(String file, ObjectMapper mapper) {
        try (InputStream in = Documents.class.getClassLoader().getResourceAsStream(ROOT + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no " + ROOT + file + " on the classpath");
            }
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
