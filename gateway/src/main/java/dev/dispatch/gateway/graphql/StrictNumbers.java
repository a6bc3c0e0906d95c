package dev.dispatch.gateway.graphql;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import dev.dispatch.platform.problem.FieldError;
import graphql.ExecutionResult;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.TypeFromAST;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.VariableDefinition;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;

/**
 * {@code Int} and {@code Float} variables as GraphQL types them. SmallRye's scalars take any number or text for them and
 * convert it later, so that {@code 30.5} for an Int was quietly 30 and {@code "30"} was 30 (a literal in the query itself
 * is checked strictly already). Checked on the operation's variables before any field is fetched, so a wrong one costs no
 * backend call: every offending value is named by its path in the variables ({@code input.reportIntervalSeconds}) in one
 * BAD_USER_INPUT error, as REST refuses a number of the wrong kind in a body.
 */
public class StrictNumbers extends SimplePerformantInstrumentation {

    static final String WHOLE_NUMBER = "must be a whole number (a 32-bit Int)";
    static final String NUMBER = "must be a number";

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
            InstrumentationState state) {
        ExecutionContext context = parameters.getExecutionContext();
        Map<String, Object> values = context.getCoercedVariables().toMap();
        List<FieldError> wrong = new ArrayList<>();
        for (VariableDefinition variable : context.getOperationDefinition().getVariableDefinitions()) {
            GraphQLType type = TypeFromAST.getTypeFromAST(context.getGraphQLSchema(), variable.getType());
            check(variable.getName(), type, values.get(variable.getName()), wrong);
        }
        if (!wrong.isEmpty()) {
            throw new AbortExecutionException(InputChecks.describe(wrong.stream().sorted(Comparator.comparing(FieldError::field)).toList()));
        }
        return super.beginExecuteOperation(parameters, state);
    }

    /** Adds to {@code wrong} each Int or Float in {@code value} (of {@code type}, at {@code path}) that is not one. */
    static void check(String path, GraphQLType type, Object value, List<FieldError> wrong) {
        if (value == null || type == null) {
            return;
        }
        GraphQLType bare = GraphQLTypeUtil.unwrapNonNull(type);
        if (bare instanceof GraphQLList list) {
            if (value instanceof List<?> items) {
                for (int i = 0; i < items.size(); i++) {
                    check(path + "[" + i + "]", list.getWrappedType(), items.get(i), wrong);
                }
            } else {
                check(path, list.getWrappedType(), value, wrong);
            }
        } else if (bare instanceof GraphQLInputObjectType object && value instanceof Map<?, ?> fields) {
            for (GraphQLInputObjectField field : object.getFieldDefinitions()) {
                check(path + "." + field.getName(), field.getType(), fields.get(field.getName()), wrong);
            }
        } else if (bare instanceof GraphQLScalarType scalar) {
            if (scalar.getName().equals("Int") && !isInt(value)) {
                wrong.add(new FieldError(path, WHOLE_NUMBER));
            } else if (scalar.getName().equals("Float") && !isFloat(value)) {
                wrong.add(new FieldError(path, NUMBER));
            }
        }
    }

    /** A whole number that fits GraphQL's Int (32 bits); 30.0 is one, 30.5 and "30" are not. */
    static boolean isInt(Object value) {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return true;
        }
        if (value instanceof Long || value instanceof BigInteger) {
            return fits(new BigDecimal(value.toString()));
        }
        if (value instanceof BigDecimal decimal) {
            return fits(decimal);
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) && d == Math.rint(d) && d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE;
        }
        return false;
    }

    /** Any finite number; text is not one. */
    static boolean isFloat(Object value) {
        if (value instanceof Double || value instanceof Float) {
            return Double.isFinite(((Number) value).doubleValue());
        }
        return value instanceof Number;
    }

    private static boolean fits(BigDecimal decimal) {
        try {
            decimal.intValueExact();
            return true;
        } catch (ArithmeticException e) {
            return false;
        }
    }
}
