package dev.dispatch.gateway.support;

import static io.restassured.RestAssured.given;

import java.util.LinkedHashMap;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** GraphQL requests as a client sends them: a POST to /graphql with the query, its variables and a bearer token. */
public final class GraphQL {

    private GraphQL() {
    }

    public static Response as(String token, String query) {
        return as(token, query, Map.of());
    }

    public static Response as(String token, String query, Map<String, Object> variables) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        var request = given().contentType(ContentType.JSON).accept(ContentType.JSON).body(body);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.when().post("/graphql");
    }
}
