package dev.dispatch.gateway.graphql;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import graphql.GraphQL;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;

/**
 * The instrumentation of the GraphQL engine: the depth and complexity limits of SmallRye's own configuration keys
 * ({@code quarkus.smallrye-graphql.instrumentation-query-depth} and {@code -complexity}), checked on the parsed query
 * before any field is fetched, so an over-limit query costs no backend call; {@link StrictNumbers}, which checks Int and
 * Float variables as strictly, as early; then {@link GraphQLErrors}. SmallRye builds the same limits from the same keys;
 * they are built again here because giving the engine an instrumentation of our own replaces SmallRye's, and here they
 * also say in plain words what was exceeded.
 */
@ApplicationScoped
public class GraphQLLimits {

    private final int maxDepth;
    private final int maxComplexity;

    GraphQLLimits(@ConfigProperty(name = "quarkus.smallrye-graphql.instrumentation-query-depth") int maxDepth,
            @ConfigProperty(name = "quarkus.smallrye-graphql.instrumentation-query-complexity") int maxComplexity) {
        this.maxDepth = maxDepth;
        this.maxComplexity = maxComplexity;
    }

    void instrument(@Observes GraphQL.Builder engine) {
        List<Instrumentation> chain = new ArrayList<>();
        chain.add(new MaxQueryDepthInstrumentation(maxDepth) {
            @Override
            protected AbortExecutionException mkAbortException(int depth, int max) {
                return new AbortExecutionException("The query is " + depth + " levels deep; at most " + max + " are allowed");
            }
        });
        chain.add(new MaxQueryComplexityInstrumentation(maxComplexity) {
            @Override
            protected AbortExecutionException mkAbortException(int complexity, int max) {
                return new AbortExecutionException("The query asks for " + complexity + " fields; at most " + max + " are allowed");
            }
        });
        chain.add(new StrictNumbers());
        chain.add(new GraphQLErrors());
        engine.instrumentation(new ChainedInstrumentation(chain));
    }
}
