package dev.dispatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;

/** docker-compose.yml is valid against the Compose Specification's JSON schema (src/test/resources/compose-spec). */
class ComposeSchemaTest {

    private static final JsonSchema SCHEMA = load();

    @Test
    void composeFileIsValidAgainstTheComposeSpecification() {
        assertThat(validate(ComposeChecks.read())).isEmpty();
    }

    @Test
    void aMisspeltServiceKeyFails() {
        ObjectNode compose = ComposeChecks.copy();
        ObjectNode gateway = (ObjectNode) compose.at("/services/gateway");
        gateway.set("depend_on", gateway.remove("depends_on"));
        assertThat(validate(compose)).anyMatch(message -> message.contains("depend_on"));
    }

    @Test
    void aMisspeltHealthcheckKeyFails() {
        ObjectNode compose = ComposeChecks.copy();
        ((ObjectNode) compose.at("/services/broker/healthcheck")).put("intervall", "5s");
        assertThat(validate(compose)).anyMatch(message -> message.contains("intervall"));
    }

    @Test
    void anUnknownDependsOnConditionFails() {
        ObjectNode compose = ComposeChecks.copy();
        ((ObjectNode) compose.at("/services/order-service/depends_on/postgres")).put("condition", "service_ready");
        assertThat(validate(compose)).isNotEmpty();
    }

    static Set<String> validate(JsonNode compose) {
        return SCHEMA.validate(compose).stream().map(ValidationMessage::getMessage).collect(java.util.stream.Collectors.toSet());
    }

    private static JsonSchema load() {
        try (InputStream schema = ComposeSchemaTest.class.getResourceAsStream("/compose-spec/compose-spec.json")) {
            // The schema still writes draft-04's "id" beside $schema 2019-09: an annotation, nothing to validate.
            JsonMetaSchema meta = JsonMetaSchema.builder(JsonMetaSchema.getV201909())
                    .keyword(new NonValidationKeyword("id"))
                    .build();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909, factory -> factory.metaSchema(meta)).getSchema(schema);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
