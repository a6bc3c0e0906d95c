package dev.dispatch.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.dispatch.gateway.support.Contract;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The committed gateway/openapi.yaml is the contract that clients and the other tests read; it must be exactly what
 * /q/openapi serves. After a deliberate API change, refresh it with
 * {@code ./mvnw -B -pl gateway verify -Dopenapi.update=true} and review the diff.
 */
@QuarkusTest
class OpenApiDocumentTest {

    private static final String REFRESH = "./mvnw -B -pl gateway verify -Dopenapi.update=true";

    @Test
    void servedDocumentIsTheCommittedOne() throws IOException {
        String served = normalize(given().accept("application/yaml").when().get("/q/openapi")
                .then().statusCode(200).extract().asString());
        if (Boolean.getBoolean("openapi.update")) {
            Files.writeString(Contract.DOCUMENT, served);
            System.out.println("OpenAPI document written to " + Contract.DOCUMENT.toAbsolutePath());
            return;
        }
        if (!Files.exists(Contract.DOCUMENT)) {
            fail("No committed OpenAPI document at " + Contract.DOCUMENT.toAbsolutePath() + "; create it with: " + REFRESH);
        }
        String committed = normalize(Files.readString(Contract.DOCUMENT));
        if (!served.equals(committed)) {
            fail("The served OpenAPI document differs from gateway/openapi.yaml, " + firstDifference(committed, served)
                    + ".\nIf the API change is meant, refresh the committed copy with: " + REFRESH + " (and review the diff)");
        }
    }

    @Test
    void documentsTheBearerSchemeAndProblemResponses() {
        given().accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .body("components.securitySchemes.bearer.scheme", org.hamcrest.Matchers.is("bearer"))
                .body("components.responses.Unavailable.headers.Retry-After.required", org.hamcrest.Matchers.is(true))
                .body("paths.'/api/orders'.post.responses.'422'.$ref", org.hamcrest.Matchers.is("#/components/responses/IdempotencyKeyReused"));
    }

    private static String normalize(String yaml) {
        return String.join("\n", yaml.replace("\r\n", "\n").lines().map(String::stripTrailing).toList()).strip() + "\n";
    }

    private static String firstDifference(String committed, String served) {
        List<String> a = committed.lines().toList();
        List<String> b = served.lines().toList();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String was = i < a.size() ? a.get(i) : "<end of file>";
            String now = i < b.size() ? b.get(i) : "<end of document>";
            if (!was.equals(now)) {
                return "first at line " + (i + 1) + ":\n  committed: " + was + "\n  served:    " + now;
            }
        }
        assertThat(a).isEqualTo(b);
        return "";
    }
}
