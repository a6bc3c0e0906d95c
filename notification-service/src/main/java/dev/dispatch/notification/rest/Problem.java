package dev.dispatch.notification.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An RFC 9457 problem, the body of every REST error ({@code application/problem+json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One offending field of a request body, by its JSON path (e.g. {@code types.dispatch.order.paid.sse}). */
    public record FieldError(String field, String message) {
    }
}
