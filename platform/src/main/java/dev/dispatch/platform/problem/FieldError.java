package dev.dispatch.platform.problem;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "One offending field of the request.")
public record FieldError(
        @Schema(description = "Where the field is: a JSON path into the body such as `items[0].quantity`, the name of a query "
                + "parameter or header, or `body` when a required body is missing.", example = "items[0].quantity", required = true)
        String field,
        @Schema(description = "What is wrong with it.", example = "must be between 1 and 999", required = true)
        String message) {
}
