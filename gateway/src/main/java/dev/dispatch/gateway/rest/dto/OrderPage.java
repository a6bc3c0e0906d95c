package dev.dispatch.gateway.rest.dto;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "One page of orders, newest first.")
public record OrderPage(
        @Schema(required = true)
        List<OrderResponse> items,
        @Schema(description = "Pass as `cursor` for the next page; absent on the last page.", example = "eyJjIjoiMjAyNi0xMS0yNVQwNTozMDowMFoiLCJpIjoiMGI5YSJ9")
        String nextCursor) {
}
