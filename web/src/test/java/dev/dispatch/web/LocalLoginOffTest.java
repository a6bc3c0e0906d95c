package dev.dispatch.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** As in production: no local login, and the pages say so. */
@QuarkusTest
@TestProfile(LocalLoginOffTest.Off.class)
class LocalLoginOffTest {

    public static class Off implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dispatch.web.local-login.enabled", "false");
        }
    }

    @Test
    void thereIsNoLocalLogin() {
        given().contentType(ContentType.JSON).body("{\"name\":\"olga\",\"role\":\"operator\"}").post("/api/local-login")
                .then().statusCode(404).contentType("application/problem+json");
        given().get("/api/settings").then().statusCode(200).body("localLogin", equalTo(false));
    }
}
