package dev.dispatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.nullValue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import dev.dispatch.gateway.support.Api;
import dev.dispatch.gateway.support.FakeDeviceService;
import dev.dispatch.gateway.support.GraphQL;
import dev.dispatch.gateway.support.Orders;
import dev.dispatch.testsupport.jwt.Tokens;
import io.quarkus.grpc.GrpcService;
import io.quarkus.test.junit.QuarkusTest;

/**
 * "A client fetches exactly what it asks for", measured: the same order screen (order, payment, device, last 5 readings)
 * over one GraphQL request and over the REST endpoints it would otherwise need. The byte counts of the response bodies
 * go to target/graphql-vs-rest.txt and the log; GraphQL's answer must be the smaller.
 */
@QuarkusTest
class ResponseSizeTest {

    private static final Logger LOG = Logger.getLogger(ResponseSizeTest.class);
    private static final String SCREEN = """
            query($id: ID!) { order(id: $id) {
              id status total { amountMinor currency }
              payment { status }
              delivery { device { id status battery } telemetry(last: 5) { deviceTime latitude longitude cargoTemperatureC } } } }""";

    @Inject
    @GrpcService
    FakeDeviceService devices;

    @Test
    void theScreenOverGraphQLIsSmallerThanOverRest() throws IOException {
        String device = "size-" + UUID.randomUUID();
        devices.register(device);
        for (int i = 0; i < 8; i++) {
            devices.report(device, 52.5 + i / 1000.0, 13.4, 5 + i / 10.0, 90 - i);
        }
        String id = Orders.dispatchedTo("size-" + UUID.randomUUID(), device);
        String operator = Tokens.operator("olga");

        byte[] graphql = GraphQL.as(operator, SCREEN, Map.of("id", id)).then().statusCode(200).body("errors", nullValue())
                .extract().asByteArray();
        byte[] order = Api.as(operator).when().get("/api/orders/{id}", id).then().statusCode(200).extract().asByteArray();
        byte[] deviceBody = Api.as(operator).when().get("/api/devices/{id}", device).then().statusCode(200).extract().asByteArray();
        byte[] telemetry = Api.as(operator).queryParam("limit", 5).when().get("/api/devices/{id}/telemetry", device)
                .then().statusCode(200).extract().asByteArray();
        int rest = order.length + deviceBody.length + telemetry.length;

        String report = "order screen (order + payment + device + last 5 readings)\n"
                + "graphql: 1 request, " + graphql.length + " bytes\n"
                + "rest:    3 requests (GET /api/orders/{id}, /api/devices/{id}, /api/devices/{id}/telemetry?limit=5), " + rest
                + " bytes (" + order.length + " + " + deviceBody.length + " + " + telemetry.length + ")\n";
        Files.writeString(Path.of("target", "graphql-vs-rest.txt"), report, StandardCharsets.UTF_8);
        LOG.info(report);
        assertThat(graphql.length).isLessThan(rest);
    }
}
