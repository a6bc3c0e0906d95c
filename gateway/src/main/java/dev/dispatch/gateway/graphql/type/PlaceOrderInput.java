package dev.dispatch.gateway.graphql.model;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

import dev.dispatch.gateway.rest.model.Address;
import dev.dispatch.gateway.rest.model.LineItem;

/** The REST body's fields; checked by the REST body's own constraints (see InputChecks). */
@Input("PlaceOrderInput")
@Description("A new order; the customer is the caller. The same fields and rules as POST /api/orders.")
public record PlaceOrderInput(
        List<LineItem> items,
        String currency,
        Address deliveryAddress,
        String paymentToken,
        Double maxCargoTemperatureC) {
}
