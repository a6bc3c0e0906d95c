package dev.dispatch.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.dispatch.gateway.support.FakeOrderService;
import dev.dispatch.gateway.support.GraphQL;
import dev.dispatch.testsupport.jwt.Tokens;
import io.quarkus.grpc.GrpcService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Requests that are not a usable GraphQL operation: each answered with a coded error, none reaching a backend. */
@QuarkusTest
class GraphQLBadRequestsTest {

    @Inject
    @GrpcService
    FakeOrderService orders;

    @Test
    void aQueryThatDoesNotParseIsBadUserInput() {
        int before = orders.calls("get");
        GraphQL.as(Tokens.operator("olga"), "{ order(id: \"00000000-0000-0000-0000-000000000001\") { id status ")
                .then().statusCode(200)
                .body("errors.extensions.code", everyItem(is("BAD_USER_INPUT")))
                .body("errors[0].message", not(containsString("Exception")));
        assertThat(orders.calls("get")).isEqualTo(before);
    }

    @Test
    void aFieldOrArgumentTheSchemaDoesNotHaveIsBadUserInput() {
        GraphQL.as(Tokens.operator("olga"), "{ order(id: \"00000000-0000-0000-0000-000000000001\") { id colour } }")
                .then().statusCode(200)
                .body("errors.extensions.code", everyItem(is("BAD_USER_INPUT")))
                .body("errors[0].message", containsString("colour"));
        GraphQL.as(Tokens.operator("olga"), "{ order(number: 7) { id } }")
                .then().statusCode(200)
                .body("errors.extensions.code", everyItem(is("BAD_USER_INPUT")));
    }

    @Test
    void aBodyThatIsNotAGraphQLRequestIsBadUserInput() {
        int before = orders.calls("list");
        for (String body : new String[] { "{not json", "[]", "{\"variables\":{}}", "{\"query\":42}", "{\"query\":\"  \"}" }) {
            given().auth().oauth2(Tokens.operator("olga")).contentType(ContentType.JSON).body(body)
                    .post("/graphql")
                    .then().statusCode(400)
                    .contentType(ContentType.JSON)
                    .body("errors.extensions.code", everyItem(is("BAD_USER_INPUT")))
                    .body("errors[0].message", not(containsString("Exception")));
        }
        assertThat(orders.calls("list")).isEqualTo(before);
        // And a good request right after still works.
        GraphQL.as(Tokens.operator("olga"), "{ orders { nodes { id } } }").then().statusCode(200).body("errors", org.hamcrest.Matchers.nullValue());
    }
}
