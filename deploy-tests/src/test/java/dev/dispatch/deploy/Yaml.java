package dev.dispatch.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

/** YAML read strictly: a key given twice in one mapping is an error, not a silent overwrite. */
final class Yaml {

    static final ObjectMapper YAML = YAMLMapper.builder(YAMLFactory.builder().build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            // YAML's empty value is null (e.g. a named volume declared as "postgres-data:"), not "".
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
            .build();
    static final ObjectMapper JSON = JsonMapper.builder().build();

    private Yaml() {
    }

    /** Every document of a (multi-document) YAML text; empty documents are skipped. */
    static List<JsonNode> documents(String text, String source) {
        List<JsonNode> documents = new ArrayList<>();
        // One root value per document (a MappingIterator would unwrap a top-level list into its items).
        try (JsonParser parser = YAML.getFactory().createParser(text)) {
            while (parser.nextToken() != null) {
                JsonNode document = YAML.readTree(parser);
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    documents.add(document);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(source + ": not valid YAML: " + e.getMessage(), e);
        }
        return documents;
    }

    static JsonNode document(String text, String source) {
        List<JsonNode> documents = documents(text, source);
        if (documents.size() != 1) {
            throw new IllegalArgumentException(source + ": expected one YAML document, found " + documents.size());
        }
        return documents.get(0);
    }

    static ObjectNode object(JsonNode node, String source) {
        if (!(node instanceof ObjectNode object)) {
            throw new IllegalArgumentException(source + ": expected a mapping, found " + node.getNodeType());
        }
        return object;
    }

    static String json(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A deep copy, for the tests that break a manifest on purpose. */
    @SuppressWarnings("unchecked")
    static <T extends JsonNode> T copy(T node) {
        return (T) node.deepCopy();
    }
}
