package dev.dispatch.gateway.rest.dto;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "One page of devices.")
public record DevicePage(
        @Schema(required = true)
        List<DeviceResponse> items,
        @Schema(description = "Pass as `cursor` for the next page; absent on the last page.", example = "Y291cmllci03")
        String nextCursor) {
}
