package dev.dispatch.iot.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.dispatch.iot.support.BrokerLogins;
import dev.dispatch.iot.support.Metrics;
import dev.dispatch.iot.support.Operator;
import dev.dispatch.iot.support.Wait;
import dev.dispatch.proto.device.v1.DeviceServiceGrpc;
import dev.dispatch.proto.device.v1.IssueDeviceCredentialsRequest;
import dev.dispatch.proto.device.v1.RevokeDeviceCredentialsRequest;
import dev.dispatch.testsupport.postgres.PostgresTestResource;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * POST /internal/broker/device-logins as the broker's login module asks it (issue #16): yes for a device's active
 * password, the same 401 for every other login, a distinct 401 for a caller without the broker's token, and a
 * problem for every bad request.
 */
@QuarkusTest
class DeviceLoginRouteTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String INVALID_LOGIN = "/problems/invalid-device-login";
    private static final String PATH = DeviceLoginRoute.PATH;

    @GrpcClient("devices")
    DeviceServiceGrpc.DeviceServiceBlockingStub anonymous;

    @TestHTTPResource("/")
    URL app;

    private DeviceServiceGrpc.DeviceServiceBlockingStub devices;

    @BeforeEach
    void callAsAnOperator() {
        devices = Operator.calling(anonymous);
    }

    @Test
    void theActivePasswordOfADeviceLogsIn() {
        String id = newId();
        String password = issue(id);
        double before = Metrics.deviceLogins("accepted");

        BrokerLogins.login(id, password)
                .statusCode(200)
                .contentType(ContentType.JSON)
                .header("Cache-Control", "no-store")
                .body("device", is(id));
        // The same device asked again (every connect asks): still yes.
        BrokerLogins.login(id, password).statusCode(200);
        assertThat(Metrics.deviceLogins("accepted") - before).isEqualTo(2);
    }

    @Test
    void everyOtherLoginIsTheSame401() {
        String id = newId();
        String password = issue(id);
        String revokedId = newId();
        String revokedPassword = issue(revokedId);
        devices.revokeDeviceCredentials(RevokeDeviceCredentialsRequest.newBuilder().setDeviceId(revokedId).build());
        double before = Metrics.deviceLogins("rejected");

        List<ValidatableResponse> refused = List.of(
                BrokerLogins.login(id, password.substring(1) + "x"),       // wrong password
                BrokerLogins.login(id, password.toLowerCase()),            // case matters
                BrokerLogins.login(id, ""),                                // empty
                BrokerLogins.login(revokedId, revokedPassword),            // revoked
                BrokerLogins.login(newId(), password),                     // unknown device, another's password
                BrokerLogins.login("no such device!", password),           // cannot be a device id
                BrokerLogins.login("", password));
        String first = null;
        for (ValidatableResponse response : refused) {
            String body = response.statusCode(401)
                    .contentType(PROBLEM)
                    .header("WWW-Authenticate", nullValue())
                    .body("type", is(INVALID_LOGIN))
                    .body("status", is(401))
                    .extract().asString();
            // Nothing in the answer tells which part was wrong.
            assertThat(body).doesNotContain(id).doesNotContain(revokedId);
            if (first == null) {
                first = body;
            }
            assertThat(body).isEqualTo(first);
        }
        assertThat(Metrics.deviceLogins("rejected") - before).isEqualTo(refused.size());
    }

    @Test
    void aCallerWithoutTheBrokersTokenIsA401OfItsOwn() {
        String id = newId();
        String password = issue(id);
        Map<String, String> body = Map.of("username", id, "password", password);
        double before = Metrics.deviceLogins("unauthorized");

        List<ValidatableResponse> refused = List.of(
                given().contentType(ContentType.JSON).body(body).when().post(PATH).then(),
                given().header("Authorization", "Bearer wrong-token").contentType(ContentType.JSON).body(body).when().post(PATH).then(),
                given().header("Authorization", "Bearer " + BrokerLogins.TOKEN + "x").contentType(ContentType.JSON).body(body).when().post(PATH).then(),
                given().header("Authorization", "Basic " + BrokerLogins.TOKEN).contentType(ContentType.JSON).body(body).when().post(PATH).then(),
                given().header("Authorization", "Bearer ").contentType(ContentType.JSON).body(body).when().post(PATH).then(),
                // A device's own login is not the broker's token.
                given().header("Authorization", "Bearer " + password).contentType(ContentType.JSON).body(body).when().post(PATH).then());
        for (ValidatableResponse response : refused) {
            response.statusCode(401)
                    .contentType(PROBLEM)
                    .header("WWW-Authenticate", "Bearer")
                    .body("type", is("/problems/unauthorized"))
                    .body("type", not(INVALID_LOGIN));
        }
        // Not even a bad body is looked at without the token.
        given().contentType(ContentType.JSON).body("not json").when().post(PATH).then().statusCode(401).body("type", is("/problems/unauthorized"));
        assertThat(Metrics.deviceLogins("unauthorized") - before).isEqualTo(refused.size() + 1);
        // The scheme's name is case-insensitive (RFC 9110).
        given().header("Authorization", "bearer " + BrokerLogins.TOKEN).contentType(ContentType.JSON).body(body).when().post(PATH)
                .then().statusCode(200);
    }

    @Test
    void aMalformedBodyIs400() {
        double before = Metrics.deviceLogins("bad-request");
        for (String body : List.of("", "not json", "{\"username\":", "[]", "[{\"username\":\"a\",\"password\":\"b\"}]", "\"courier-1\"", "null")) {
            BrokerLogins.asBroker().body(body).when().post(PATH)
                    .then().statusCode(400)
                    .contentType(PROBLEM)
                    .body("type", is("/problems/malformed-json"));
        }
        BrokerLogins.asBroker().body("{}").when().post(PATH)
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("type", is("/problems/validation"))
                .body("errors.field", contains("username", "password"))
                .body("errors.message", contains("is required", "is required"));
        BrokerLogins.asBroker().body("{\"username\":\"courier-1\",\"password\":42}").when().post(PATH)
                .then().statusCode(400)
                .body("type", is("/problems/validation"))
                .body("detail", is("1 field is not valid"))
                .body("errors.field", contains("password"))
                .body("errors.message", contains("must be a string"));
        BrokerLogins.asBroker().body("{\"username\":null,\"password\":[\"x\"]}").when().post(PATH)
                .then().statusCode(400)
                .body("errors.field", contains("username", "password"));
        assertThat(Metrics.deviceLogins("bad-request") - before).isEqualTo(10);
    }

    @Test
    void tooLargeNotJsonOrNotAPostIsRefusedWithItsProblem() {
        BrokerLogins.asBroker().body("{\"username\":\"courier-1\",\"password\":\"" + "x".repeat(5000) + "\"}").when().post(PATH)
                .then().statusCode(413)
                .contentType(PROBLEM)
                .body("type", is("/problems/payload-too-large"));
        given().header("Authorization", "Bearer " + BrokerLogins.TOKEN).contentType(ContentType.TEXT).body("username=a&password=b")
                .when().post(PATH)
                .then().statusCode(415)
                .contentType(PROBLEM)
                .body("type", is("/problems/unsupported-media-type"));
        given().header("Authorization", "Bearer " + BrokerLogins.TOKEN).when().get(PATH)
                .then().statusCode(405)
                .header("Allow", "POST")
                .contentType(PROBLEM)
                .body("type", is("/problems/method-not-allowed"));
    }

    @Test
    void noContentTypeIsTakenAsJson() throws Exception {
        String id = newId();
        String password = issue(id);
        // java.net.http sends no Content-Type of its own (RestAssured always does).
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(app.toURI().resolve(PATH))
                .header("Authorization", "Bearer " + BrokerLogins.TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + id + "\",\"password\":\"" + password + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"device\":\"" + id + "\"}");
    }

    @Test
    void withTheDatabaseAwayALoginIs503AndValidOnceItIsBack() {
        String id = newId();
        String password = issue(id);
        double before = Metrics.deviceLogins("unavailable");

        PostgresTestResource.proxy().cut();
        try {
            long started = System.nanoTime();
            BrokerLogins.login(id, password)
                    .statusCode(503)
                    .contentType(PROBLEM)
                    .header("Retry-After", "1")
                    .body("type", is("/problems/unavailable"));
            // The broker is holding a device's CONNECT: bounded by the check's timeout, not the pool's.
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        } finally {
            PostgresTestResource.proxy().restore();
        }
        await().atMost(Wait.LONG).until(() -> BrokerLogins.login(id, password).extract().statusCode() == 200);
        assertThat(Metrics.deviceLogins("unavailable")).isGreaterThanOrEqualTo(before + 1);
    }

    private String issue(String id) {
        return devices.issueDeviceCredentials(IssueDeviceCredentialsRequest.newBuilder().setDeviceId(id).build()).getPassword();
    }

    private static String newId() {
        return "login-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
