package dev.dispatch.gateway.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.dispatch.platform.problem.FieldError;
import graphql.Scalars;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLType;

/** What counts as an Int or a Float in the variables, and how a wrong one is named. */
class StrictNumbersTest {

    private static final GraphQLInputObjectType INPUT = GraphQLInputObjectType.newInputObject().name("Input")
            .field(f -> f.name("seconds").type(Scalars.GraphQLInt))
            .field(f -> f.name("limit").type(GraphQLNonNull.nonNull(Scalars.GraphQLFloat)))
            .field(f -> f.name("name").type(Scalars.GraphQLString))
            .field(f -> f.name("counts").type(GraphQLList.list(GraphQLNonNull.nonNull(Scalars.GraphQLInt))))
            .build();

    @Test
    void wholeNumbersOfThirtyTwoBitsAreInts() {
        for (Object whole : List.of(30, (short) 3, (byte) 1, 30L, Integer.MAX_VALUE, (long) Integer.MIN_VALUE, BigInteger.TEN,
                new BigDecimal("30.0"), 30.0, 30.0f, -0.0)) {
            assertThat(StrictNumbers.isInt(whole)).as("%s (%s)", whole, whole.getClass().getSimpleName()).isTrue();
        }
        for (Object not : List.of(30.5, new BigDecimal("30.5"), "30", true, 1L + Integer.MAX_VALUE, BigInteger.valueOf(9_999_999_999L),
                3e9, Double.NaN, Double.POSITIVE_INFINITY, 0.1f)) {
            assertThat(StrictNumbers.isInt(not)).as("%s (%s)", not, not.getClass().getSimpleName()).isFalse();
        }
    }

    @Test
    void anyFiniteNumberIsAFloatTextIsNot() {
        for (Object number : List.of(6.5, 8, 8L, new BigDecimal("0.1"), BigInteger.ONE, 1.5f)) {
            assertThat(StrictNumbers.isFloat(number)).as("%s", number).isTrue();
        }
        for (Object not : List.of("6.5", false, Double.NaN, Double.NEGATIVE_INFINITY)) {
            assertThat(StrictNumbers.isFloat(not)).as("%s", not).isFalse();
        }
    }

    @Test
    void everyWrongValueIsNamedByItsPathInTheVariables() {
        Map<String, Object> value = Map.of("seconds", 30.5, "limit", "8", "name", "30.5", "counts", Arrays.asList(1, 2.5, 3));
        assertThat(wrong("input", INPUT, value)).containsExactlyInAnyOrder(
                new FieldError("input.seconds", StrictNumbers.WHOLE_NUMBER),
                new FieldError("input.limit", StrictNumbers.NUMBER),
                new FieldError("input.counts[1]", StrictNumbers.WHOLE_NUMBER));
        assertThat(wrong("inputs", GraphQLList.list(INPUT), List.of(Map.of("seconds", 1), Map.of("seconds", "1"))))
                .containsExactly(new FieldError("inputs[1].seconds", StrictNumbers.WHOLE_NUMBER));
        assertThat(wrong("first", GraphQLNonNull.nonNull(Scalars.GraphQLInt), 2.5))
                .containsExactly(new FieldError("first", StrictNumbers.WHOLE_NUMBER));
    }

    @Test
    void rightValuesAndNullsPass() {
        assertThat(wrong("input", INPUT, Map.of("seconds", 30, "limit", 8, "counts", List.of(1, 2)))).isEmpty();
        assertThat(wrong("input", INPUT, Map.of())).isEmpty();
        assertThat(wrong("input", INPUT, null)).isEmpty();
        assertThat(wrong("name", Scalars.GraphQLString, 2.5)).isEmpty();
    }

    private static List<FieldError> wrong(String path, GraphQLType type, Object value) {
        List<FieldError> wrong = new ArrayList<>();
        StrictNumbers.check(path, type, value, wrong);
        return wrong;
    }
}
