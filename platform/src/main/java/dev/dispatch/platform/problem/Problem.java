package dev.dispatch.platform.problem;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An RFC 9457 problem: every REST error of every service has this body, as {@code application/problem+json}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "An error, as RFC 9457 problem details (`application/problem+json`).")
public record Problem(
        @Schema(description = "What kind of problem this is; stable, so clients may switch on it.", example = "/problems/validation",
                required = true)
        String type,
        @Schema(description = "A short summary of the kind of problem.", example = "The request is not valid", required = true)
        String title,
        @Schema(description = "The HTTP status code.", example = "400", required = true)
        int status,
        @Schema(description = "What went wrong this time, for a human.", example = "2 fields are not valid")
        String detail,
        @Schema(description = "The path of the request that failed.", example = "/api/orders")
        String instance,
        @Schema(description = "For validation problems: every offending field, each once per rule it breaks.")
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
