package dev.dispatch.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;

/**
 * Checks requests and responses against the committed OpenAPI document (gateway/openapi.yaml), so that the
 * contract tests test the document as much as the gateway: a response the document does not describe fails.
 */
public final class Contract {

    /** The committed copy; OpenApiDocumentTest keeps it equal to what /q/openapi serves. */
    public static final Path DOCUMENT = Path.of("openapi.yaml");

    private static OpenApiValidationFilter both;
    private static OpenApiValidationFilter responses;

    private Contract() {
    }

    /** Request and response must both be as documented. */
    public static synchronized OpenApiValidationFilter validated() {
        if (both == null) {
            both = new OpenApiValidationFilter(OpenApiInteractionValidator.createForInlineApiSpecification(document()).build());
        }
        return both;
    }

    /** For requests that break the contract on purpose (no token, bad fields, wrong type): only the answer is checked. */
    public static synchronized OpenApiValidationFilter responseValidated() {
        if (responses == null) {
            responses = new OpenApiValidationFilter(OpenApiInteractionValidator.createForInlineApiSpecification(document())
                    .withLevelResolver(LevelResolver.create().withLevel("validation.request", ValidationReport.Level.IGNORE).build())
                    .build());
        }
        return responses;
    }

    private static String document() {
        try {
            return Files.readString(DOCUMENT);
        } catch (IOException e) {
            throw new UncheckedIOException("no committed OpenAPI document at " + DOCUMENT.toAbsolutePath()
                    + "; create it with: ./mvnw -B -pl gateway verify -Dopenapi.update=true", e);
        }
    }
}
