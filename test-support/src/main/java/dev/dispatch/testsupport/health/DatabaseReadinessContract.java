package dev.dispatch.testsupport.health;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.List;

import org.hamcrest.MatcherAssert;
import org.junit.jupiter.api.Test;

import dev.dispatch.testsupport.postgres.PostgresTestResource;
import dev.dispatch.testsupport.postgres.TestDatabase;

/**
 * What every data-owning service promises about readiness and its schema. A service's test implements
 * this with {@code @QuarkusTest} and names its tables; the tests run against the real broker and a
 * fresh real database (see {@link PostgresTestResource}).
 */
public interface DatabaseReadinessContract {

    String REACTIVE_CHECK = "Reactive PostgreSQL connections health check";

    /** The tables the migrations must create in an empty database. */
    List<String> expectedTables();

    @Test
    default void schemaIsCreatedFromEmptyByMigrations() {
        List<String> tables = TestDatabase.column(
                "select table_name from information_schema.tables where table_schema = 'public' and table_name <> 'flyway_schema_history'");
        MatcherAssert.assertThat(tables, containsInAnyOrder(expectedTables().toArray(String[]::new)));
        MatcherAssert.assertThat(TestDatabase.column("select success from flyway_schema_history"), everyItem(is("t")));
    }

    @Test
    default void readyWhenDatabaseIsReachable() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", is("UP"))
                .body("checks.name", hasItem(REACTIVE_CHECK));
    }

    @Test
    default void notReadyWithAReasonWhileDatabaseIsUnreachable() {
        PostgresTestResource.proxy().cut();
        try {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/q/health/ready")
                    .then().statusCode(503)
                    .body("status", is("DOWN"))
                    .body("checks.find { it.name == '" + REACTIVE_CHECK + "' }.status", is("DOWN"))
                    .body("checks.find { it.name == '" + REACTIVE_CHECK + "' }.data.'<default>'", startsWith("down - ")));
        } finally {
            PostgresTestResource.proxy().restore();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/q/health/ready")
                .then().statusCode(200).body("status", is("UP")));
    }
}
