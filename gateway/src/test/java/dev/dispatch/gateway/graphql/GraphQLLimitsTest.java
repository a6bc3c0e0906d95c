package dev.dispatch.gateway.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;

/** The depth and complexity limits on a small schema of its own: refused before anything is fetched, in plain words, with a code. */
class GraphQLLimitsTest {

    private static final String SCHEMA = "type Query { order: Order } type Order { id: ID total: Amount } type Amount { minor: Int currency: String }";

    @Test
    void aQueryWithinTheLimitsRuns() {
        ExecutionResult result = engine(3, 10).execute("{ order { id total { minor } } }");
        assertThat(result.getErrors()).isEmpty();
    }

    @Test
    void aQueryTooDeepIsBadUserInput() {
        GraphQLError error = engine(2, 10).execute("{ order { total { minor } } }").getErrors().get(0);
        assertThat(error.getMessage()).isEqualTo("The query is 3 levels deep; at most 2 are allowed");
        assertThat(error.getExtensions()).isEqualTo(Map.of("code", "BAD_USER_INPUT"));
    }

    @Test
    void aQueryTooWideIsBadUserInput() {
        GraphQLError error = engine(5, 3).execute("{ order { id total { minor currency } } }").getErrors().get(0);
        assertThat(error.getMessage()).isEqualTo("The query asks for 5 fields; at most 3 are allowed");
        assertThat(error.getExtensions()).isEqualTo(Map.of("code", "BAD_USER_INPUT"));
    }

    private static GraphQL engine(int maxDepth, int maxComplexity) {
        var schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(SCHEMA), RuntimeWiring.newRuntimeWiring().build());
        GraphQL.Builder builder = GraphQL.newGraphQL(schema);
        new GraphQLLimits(maxDepth, maxComplexity).instrument(builder);
        return builder.build();
    }
}
