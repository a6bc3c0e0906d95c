package dev.dispatch.gateway.rest;

import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Documents the problems every /api operation can answer with, so that the resources list only their own:
 * 401 and 403 (every operation needs a role), 500, 502 and 503 (every operation calls a backend service), and
 * 413 and 415 wherever there is a request body. Runs at build time, so the served document is fixed.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class CommonProblemResponses implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (path.startsWith("/api/")) {
                operations(item).values().forEach(CommonProblemResponses::addCommon);
            }
        });
    }

    private static Map<PathItem.HttpMethod, Operation> operations(PathItem item) {
        return item.getOperations() == null ? Map.of() : item.getOperations();
    }

    private static void addCommon(Operation operation) {
        APIResponses responses = operation.getResponses();
        add(responses, "401", "Unauthorized");
        add(responses, "403", "Forbidden");
        if (operation.getRequestBody() != null) {
            add(responses, "413", "PayloadTooLarge");
            add(responses, "415", "UnsupportedMediaType");
        }
        add(responses, "500", "Internal");
        add(responses, "502", "BadGateway");
        add(responses, "503", "Unavailable");
    }

    private static void add(APIResponses responses, String code, String component) {
        if (!responses.hasAPIResponse(code)) {
            responses.addAPIResponse(code, OASFactory.createAPIResponse().ref(component));
        }
    }
}
