package dev.dispatch.iot.support;

import static io.restassured.RestAssured.given;

import java.util.Map;

import dev.dispatch.iot.http.DeviceLoginRoute;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** The broker's side of device logins, as its login module asks: POST /internal/broker/device-logins with its token. */
public final class BrokerLogins {

    /** dispatch.iot.broker-auth.token's default, which the tests run with. */
    public static final String TOKEN = "dispatch-broker-auth";

    private BrokerLogins() {
    }

    public static RequestSpecification asBroker() {
        return given().header("Authorization", "Bearer " + TOKEN).contentType(ContentType.JSON);
    }

    /** The broker asks whether this login is valid. */
    public static ValidatableResponse login(String username, String password) {
        return asBroker().body(Map.of("username", username, "password", password)).when().post(DeviceLoginRoute.PATH).then();
    }
}
