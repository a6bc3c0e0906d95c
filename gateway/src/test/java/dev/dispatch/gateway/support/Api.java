package dev.dispatch.gateway.support;

import static io.restassured.RestAssured.given;

import dev.dispatch.testsupport.jwt.Tokens;
import io.restassured.http.ContentType;
import io.restassured.http.Header;
import io.restassured.specification.RequestSpecification;

/** Requests as the contract tests send them: with a caller, JSON, and checked against the OpenAPI document. */
public final class Api {

    private Api() {
    }

    public static RequestSpecification customer(String subject) {
        return as(Tokens.customer(subject));
    }

    public static RequestSpecification operator(String subject) {
        return as(Tokens.operator(subject));
    }

    public static RequestSpecification as(String token) {
        return given().filter(Contract.validated()).header(bearer(token)).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    /** A request that breaks the contract on purpose; only the response is checked against the document. */
    public static RequestSpecification badRequestAs(String token) {
        RequestSpecification request = given().filter(Contract.responseValidated()).accept(ContentType.JSON);
        return token == null ? request : request.header(bearer(token));
    }

    // A plain header rather than RestAssured's auth(): that is added after the filters, so the validator would not see it.
    private static Header bearer(String token) {
        return new Header("Authorization", "Bearer " + token);
    }
}
