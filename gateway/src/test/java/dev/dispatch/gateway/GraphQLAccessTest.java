package dev.dispatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.dispatch.gateway.support.FakeOrderService;
import dev.dispatch.gateway.support.GraphQL;
import dev.dispatch.testsupport.jwt.Tokens;
import io.quarkus.grpc.GrpcService;
import io.quarkus.test.junit.QuarkusTest;

/** Who may ask, and how much: tokens as REST wants them, and queries over the depth or complexity limit refused before any backend call. */
@QuarkusTest
class GraphQLAccessTest {

    @Inject
    @GrpcService
    FakeOrderService orders;

    @Test
    void withoutAValidTokenTheAnswerIsUnauthenticated() {
        GraphQL.as(null, "{ orders { nodes { id } } }")
                .then().statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .contentType("application/json")
                .body("data", nullValue())
                .body("errors[0].extensions.code", is("UNAUTHENTICATED"))
                .body("errors[0].message", is("A bearer token is required"));
        for (String token : new String[] { Tokens.expired("alice"), Tokens.signedByStranger("alice"),
                Tokens.ofIssuer("https://elsewhere.example", "alice"), "not.a.jwt" }) {
            GraphQL.as(token, "{ orders { nodes { id } } }")
                    .then().statusCode(401)
                    .header("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                    .body("errors[0].extensions.code", is("UNAUTHENTICATED"))
                    .body("errors[0].message", is("The bearer token is not valid"));
        }
    }

    @Test
    void aTokenWithoutAKnownRoleIsForbidden() {
        GraphQL.as(Tokens.ofGroup("guest", "courier"), "{ orders { nodes { id } } }")
                .then().statusCode(200)
                .body("errors[0].extensions.code", is("FORBIDDEN"));
    }

    @Test
    void aTooDeepQueryIsRefusedBeforeAnyBackendCall() {
        int before = orders.calls("list");
        String deep = "{ orders { nodes { id } } __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType "
                + "{ ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } } } } } } } }";
        GraphQL.as(Tokens.operator("olga"), deep)
                .then().statusCode(200)
                .body("data", nullValue())
                .body("errors.extensions.code", contains("BAD_USER_INPUT"))
                .body("errors[0].message", org.hamcrest.Matchers.matchesPattern("The query is 1[6-9] levels deep; at most 15 are allowed"));
        assertThat(orders.calls("list")).isEqualTo(before);
    }

    @Test
    void anOverComplexQueryIsRefusedBeforeAnyBackendCall() {
        int before = orders.calls("list");
        StringBuilder wide = new StringBuilder("{");
        for (int i = 0; i < 30; i++) {
            wide.append(" o").append(i).append(": orders { nodes { id status customerId createdAt total { amountMinor currency } } }");
        }
        GraphQL.as(Tokens.operator("olga"), wide.append(" }").toString())
                .then().statusCode(200)
                .body("data", nullValue())
                .body("errors.extensions.code", contains("BAD_USER_INPUT"))
                .body("errors[0].message", org.hamcrest.Matchers.matchesPattern("The query asks for \\d+ fields; at most 250 are allowed"));
        assertThat(orders.calls("list")).isEqualTo(before);
    }

    @Test
    void theGraphQLUiIsServed() {
        io.restassured.RestAssured.given().when().get("/q/graphql-ui/").then().statusCode(200);
    }
}
