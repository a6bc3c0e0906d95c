package dev.dispatch.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

/** Every schema file is a sound draft 2020-12 schema that the jar carries and whose $refs all land. */
class SchemaFilesTest {

    private static final String DRAFT_2020_12 = Documents.DRAFT_2020_12;

    // The draft 2020-12 keywords; anything else in a schema object is a typo the meta-schema would let through.
    private static final Set<String> KEYWORDS = Set.of("$schema", "$id", "$ref", "$defs", "$comment", "$anchor", "$dynamicRef",
            "$dynamicAnchor", "$vocabulary", "title", "description", "examples", "default", "deprecated", "readOnly", "writeOnly",
            "type", "enum", "const", "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength",
            "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "maxContains", "minContains", "maxProperties",
            "minProperties", "required", "dependentRequired", "format", "contentEncoding", "contentMediaType", "contentSchema",
            "allOf", "anyOf", "oneOf", "not", "if", "then", "else", "dependentSchemas", "prefixItems", "items", "contains",
            "properties", "patternProperties", "additionalProperties", "propertyNames", "unevaluatedItems", "unevaluatedProperties");
    private static final Set<String> ONE_SCHEMA = Set.of("not", "if", "then", "else", "items", "contains", "additionalProperties",
            "propertyNames", "unevaluatedItems", "unevaluatedProperties", "contentSchema");
    private static final Set<String> SCHEMA_LIST = Set.of("allOf", "anyOf", "oneOf", "prefixItems");
    private static final Set<String> SCHEMA_MAP = Set.of("$defs", "properties", "patternProperties", "dependentSchemas");

    static List<String> schemaFiles() {
        return Documents.sourceSchemaFiles();
    }

    @ParameterizedTest
    @MethodSource("schemaFiles")
    void isPackagedUnderTheContractsPrefix(String file) {
        assertThat(Documents.onClasspath(file)).as("classpath contracts/" + file).isTrue();
    }

    @ParameterizedTest
    @MethodSource("schemaFiles")
    void saysWhatItIsAndWhereItLives(String file) {
        JsonNode schema = Documents.json(file);
        assertThat(schema.path("$schema").asText()).isEqualTo(DRAFT_2020_12);
        assertThat(schema.path("$id").asText()).isEqualTo(Documents.BASE_URI + file);
        assertThat(schema.path("title").asText()).isNotBlank();
        assertThat(schema.path("description").asText()).isNotBlank();
    }

    @ParameterizedTest
    @MethodSource("schemaFiles")
    void isValidByTheDraft202012MetaSchema(String file) {
        assertThat(Documents.metaSchemaErrors(Documents.json(file))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("schemaFiles")
    void usesOnlyKnownKeywordsAndValidPatterns(String file) {
        List<String> problems = new ArrayList<>();
        lint(Documents.json(file), "#", problems);
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("schemaFiles")
    void everyRefLands(String file) {
        List<String> refs = new ArrayList<>();
        refs(Documents.json(file), refs);
        URI base = URI.create(Documents.BASE_URI + file);
        for (String ref : refs) {
            URI target = base.resolve(ref);
            String targetFile = target.toString().replaceFirst("#.*$", "").substring(Documents.BASE_URI.length());
            assertThat(Documents.onClasspath(targetFile)).as(ref + " in " + file).isTrue();
            String pointer = target.getFragment() == null ? "" : target.getFragment();
            assertThat(Documents.json(targetFile).at(pointer).isMissingNode()).as(ref + " in " + file).isFalse();
        }
        // and the validator agrees: compiling resolves every $ref
        assertThat(Documents.errors(file, Documents.parse("{}"))).isNotNull();
    }

    private static void lint(JsonNode schema, String where, List<String> problems) {
        if (schema.isBoolean()) {
            return;
        }
        if (!schema.isObject()) {
            problems.add(where + " is not a schema");
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = schema.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            String at = where + "/" + key;
            if (!KEYWORDS.contains(key)) {
                problems.add(at + ": unknown keyword");
            } else if (ONE_SCHEMA.contains(key)) {
                lint(value, at, problems);
            } else if (SCHEMA_LIST.contains(key)) {
                for (int i = 0; i < value.size(); i++) {
                    lint(value.get(i), at + "/" + i, problems);
                }
            } else if (SCHEMA_MAP.contains(key)) {
                value.fields().forEachRemaining(entry -> lint(entry.getValue(), at + "/" + entry.getKey(), problems));
            } else if (key.equals("pattern")) {
                try {
                    Pattern.compile(value.asText());
                } catch (PatternSyntaxException e) {
                    problems.add(at + ": " + e.getDescription());
                }
            }
        }
    }

    private static void refs(JsonNode node, List<String> into) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual()) {
                into.add(ref.asText());
            }
            node.elements().forEachRemaining(child -> refs(child, into));
        } else if (node.isArray()) {
            node.forEach(child -> refs(child, into));
        }
    }
}
