package dev.dispatch.gateway.support;

/** Orders placed through the API, for tests that need one to exist first. */
public final class Orders {

    private Orders() {
    }

    /** Places an order for the customer and answers its id. */
    public static String placed(String customer, String paymentToken) {
        return Api.customer(customer).body(OrderBodies.order(paymentToken))
                .when().post("/api/orders")
                .then().statusCode(201)
                .extract().path("id");
    }

    public static String paid(String customer) {
        return placed(customer, "tok_approve");
    }

    public static String dispatched(String customer) {
        return dispatchedTo(customer, "courier-7");
    }

    public static String dispatchedTo(String customer, String deviceId) {
        String id = paid(customer);
        Api.operator("olga").body(java.util.Map.of("deviceId", deviceId))
                .when().post("/api/orders/{id}/dispatch", id)
                .then().statusCode(200);
        return id;
    }
}
