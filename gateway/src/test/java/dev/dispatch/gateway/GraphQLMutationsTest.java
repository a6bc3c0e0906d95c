package dev.dispatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.dispatch.gateway.support.FakeDeviceService;
import dev.dispatch.gateway.support.GraphQL;
import dev.dispatch.gateway.support.OrderBodies;
import dev.dispatch.gateway.support.Orders;
import dev.dispatch.proto.device.v1.CommandType;
import dev.dispatch.testsupport.jwt.Tokens;
import io.quarkus.grpc.GrpcService;
import io.quarkus.test.junit.QuarkusTest;

/** Mutations over real HTTP: the same rules and the same errors as the REST API, through the same gRPC calls. */
@QuarkusTest
class GraphQLMutationsTest {

    private static final String PLACE = """
            mutation($order: PlaceOrderInput!, $key: String) {
              placeOrder(order: $order, idempotencyKey: $key) { id status customerId total { amountMinor currency } }
            }""";

    @Inject
    @GrpcService
    FakeDeviceService devices;

    @Test
    void aCustomerPlacesAnOrderAndTheSameKeyGivesTheSameOrder() {
        String customer = "gql-place-" + UUID.randomUUID();
        String key = "key-" + UUID.randomUUID();
        String id = GraphQL.as(Tokens.customer(customer), PLACE, Map.of("order", OrderBodies.order("tok_approve"), "key", key))
                .then().statusCode(200)
                .body("errors", nullValue())
                .body("data.placeOrder.status", is("PAID"))
                .body("data.placeOrder.customerId", is(customer))
                .body("data.placeOrder.total.amountMinor", is(2500))
                .extract().path("data.placeOrder.id");
        GraphQL.as(Tokens.customer(customer), PLACE, Map.of("order", OrderBodies.order("tok_approve"), "key", key))
                .then().statusCode(200)
                .body("data.placeOrder.id", is(id));
        GraphQL.as(Tokens.customer(customer), PLACE, Map.of("order", OrderBodies.order("tok_decline"), "key", key))
                .then().statusCode(200)
                .body("data.placeOrder", nullValue())
                .body("errors[0].extensions.code", is("CONFLICT"))
                .body("errors[0].message", is("idempotencyKey '" + key + "' was already used for a different order"));
    }

    @Test
    void noAnswerInTimeIsOutcomeUnknownNamingTheKeyToPlaceAgain() {
        GraphQL.as(Tokens.customer("alice"), PLACE, Map.of("order", OrderBodies.order("tok_slow"), "key", "graphql-slow-1"))
                .then().statusCode(200)
                .body("data.placeOrder", nullValue())
                .body("errors[0].extensions.code", is("OUTCOME_UNKNOWN"))
                .body("errors[0].message", is("The order service did not answer in time, so it is not known whether the order was "
                        + "placed; place it again with Idempotency-Key 'graphql-slow-1': you get the order if it was placed, and it "
                        + "is placed once"));
    }

    @Test
    void badInputIsBadUserInputNamingEveryField() {
        Map<String, Object> order = OrderBodies.order("tok_approve");
        order.put("currency", "EURO");
        order.put("items", List.of(OrderBodies.item("VAX-COOLER-01", 0, 1250)));
        GraphQL.as(Tokens.customer("alice"), PLACE, Map.of("order", order))
                .then().statusCode(200)
                .body("data.placeOrder", nullValue())
                .body("errors[0].extensions.code", is("BAD_USER_INPUT"))
                .body("errors[0].message", is("2 fields are not valid: currency must be an ISO 4217 currency code in upper case, e.g. EUR; "
                        + "items[0].quantity must be between 1 and 999"));
        // What only order-service finds is BAD_USER_INPUT too, with its fields.
        GraphQL.as(Tokens.customer("alice"), PLACE, Map.of("order", OrderBodies.order("tok_invalid")))
                .then().statusCode(200)
                .body("errors[0].extensions.code", is("BAD_USER_INPUT"))
                .body("errors[0].message", containsString("deliveryAddress.postalCode"));
    }

    @Test
    void rolesAreTheRestRoles() {
        GraphQL.as(Tokens.operator("olga"), PLACE, Map.of("order", OrderBodies.order("tok_approve")))
                .then().statusCode(200)
                .body("errors[0].extensions.code", is("FORBIDDEN"));
        String id = Orders.paid("alice");
        GraphQL.as(Tokens.customer("alice"), "mutation($id: ID!) { dispatchOrder(id: $id, deviceId: \"courier-7\") { status } }", Map.of("id", id))
                .then().statusCode(200)
                .body("errors[0].extensions.code", is("FORBIDDEN"));
    }

    @Test
    void cancelThenDispatchIsAConflictAndDispatchWorksForOperators() {
        String id = Orders.paid("alice");
        GraphQL.as(Tokens.operator("olga"), "mutation($id: ID!) { dispatchOrder(id: $id, deviceId: \"courier-7\") { status deviceId } }",
                        Map.of("id", id))
                .then().statusCode(200)
                .body("errors", nullValue())
                .body("data.dispatchOrder.status", is("DISPATCHED"))
                .body("data.dispatchOrder.deviceId", is("courier-7"));
        GraphQL.as(Tokens.customer("alice"), "mutation($id: ID!) { cancelOrder(id: $id, reason: \"too late\") { status } }", Map.of("id", id))
                .then().statusCode(200)
                .body("data.cancelOrder", nullValue())
                .body("errors[0].extensions.code", is("CONFLICT"))
                .body("errors[0].message", is("order is DISPATCHED; only orders not yet dispatched can be cancelled"));
        String other = Orders.paid("alice");
        GraphQL.as(Tokens.customer("mallory"), "mutation($id: ID!) { cancelOrder(id: $id) { status } }", Map.of("id", other))
                .then().statusCode(200)
                .body("errors[0].extensions.code", is("NOT_FOUND"));
        GraphQL.as(Tokens.customer("alice"), "mutation($id: ID!) { cancelOrder(id: $id) { status } }", Map.of("id", other))
                .then().statusCode(200)
                .body("data.cancelOrder.status", is("CANCELLED"));
    }

    @Test
    void operatorsSendDeviceCommandsWithTheRestRules() {
        String device = "gql-cmd-" + UUID.randomUUID();
        devices.register(device);
        String send = "mutation($id: ID!, $type: CommandType!, $seconds: Int) { sendDeviceCommand(deviceId: $id, type: $type, seconds: $seconds) "
                + "{ commandId deviceId type sentAt } }";
        GraphQL.as(Tokens.operator("olga"), send, Map.of("id", device, "type", "SET_REPORT_INTERVAL", "seconds", 60))
                .then().statusCode(200)
                .body("errors", nullValue())
                .body("data.sendDeviceCommand.commandId", notNullValue())
                .body("data.sendDeviceCommand.type", is("SET_REPORT_INTERVAL"));
        assertThat(devices.commands().stream().filter(c -> c.getDeviceId().equals(device)).toList())
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.getType()).isEqualTo(CommandType.COMMAND_TYPE_SET_REPORT_INTERVAL);
                    assertThat(c.getArgumentsMap()).containsExactly(Map.entry("seconds", "60"));
                });
        GraphQL.as(Tokens.operator("olga"), send, Map.of("id", device, "type", "SET_REPORT_INTERVAL", "seconds", 0))
                .then().statusCode(200)
                .body("errors[0].extensions.code", is("BAD_USER_INPUT"))
                .body("errors[0].message", is("1 field is not valid: arguments.seconds must be a whole number from 1 to 3600"));
        GraphQL.as(Tokens.operator("olga"), send, Map.of("id", "nobody-" + UUID.randomUUID(), "type", "PING"))
                .then().statusCode(200)
                .body("errors[0].extensions.code", is("NOT_FOUND"));
        GraphQL.as(Tokens.customer("alice"), send, Map.of("id", device, "type", "PING"))
                .then().statusCode(200)
                .body("errors[0].extensions.code", is("FORBIDDEN"));
        assertThat(devices.calls("command", device)).isEqualTo(1);
    }
}
