package dev.dispatch.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The committed gateway/schema.graphql is the GraphQL contract; it must be exactly what /graphql/schema.graphql serves.
 * After a deliberate change, refresh it with {@code ./mvnw -B -pl gateway verify -Dgraphql-schema.update=true} and
 * review the diff.
 */
@QuarkusTest
class GraphQLSchemaTest {

    private static final Path COMMITTED = Path.of("schema.graphql");
    private static final String REFRESH = "./mvnw -B -pl gateway verify -Dgraphql-schema.update=true";

    @Test
    void servedSchemaIsTheCommittedOne() throws IOException {
        String served = normalize(given().when().get("/graphql/schema.graphql").then().statusCode(200).extract().asString());
        if (Boolean.getBoolean("graphql-schema.update")) {
            Files.writeString(COMMITTED, served);
            System.out.println("GraphQL schema written to " + COMMITTED.toAbsolutePath());
            return;
        }
        if (!Files.exists(COMMITTED)) {
            fail("No committed GraphQL schema at " + COMMITTED.toAbsolutePath() + "; create it with: " + REFRESH);
        }
        String committed = normalize(Files.readString(COMMITTED));
        if (!served.equals(committed)) {
            fail("The served GraphQL schema differs from gateway/schema.graphql, " + firstDifference(committed, served)
                    + ".\nIf the change is meant, refresh the committed copy with: " + REFRESH + " (and review the diff)");
        }
    }

    private static String normalize(String sdl) {
        return String.join("\n", sdl.replace("\r\n", "\n").lines().map(String::stripTrailing).toList()).strip() + "\n";
    }

    private static String firstDifference(String committed, String served) {
        List<String> a = committed.lines().toList();
        List<String> b = served.lines().toList();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String was = i < a.size() ? a.get(i) : "<end of file>";
            String now = i < b.size() ? b.get(i) : "<end of schema>";
            if (!was.equals(now)) {
                return "first at line " + (i + 1) + ":\n  committed: " + was + "\n  served:    " + now;
            }
        }
        return "in line endings only";
    }
}
