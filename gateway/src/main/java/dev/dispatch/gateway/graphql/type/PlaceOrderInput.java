package dev.dispatch.gateway.graphql.type;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

import dev.dispatch.gateway.model.Address;
import dev.dispatch.gateway.model.LineItem;

/**
 * The fields of a new order, all optional here so that a missing one is reported with the gateway's own words: placeOrder
 * checks it as the model's {@link dev.dispatch.gateway.model.PlaceOrderRequest}, the rules REST's body has too.
 */
@Input("PlaceOrderInput")
@Description("A new order; the customer is the caller. The same fields and rules as POST /api/orders.")
public record PlaceOrderInput(
        List<LineItem> items,
        String currency,
        Address deliveryAddress,
        String paymentToken,
        Double maxCargoTemperatureC) {
}
