package dev.dispatch.loadgen.scenario;

/** The order every scenario places: one line, to Berlin, paid with the local test token that always approves. */
final class OrderBodies {

    static final String SKU = "BENCH-BOX-01";
    static final String NAME = "Benchmark parcel";
    static final int QUANTITY = 1;
    static final long UNIT_PRICE_MINOR = 1250;
    static final String CURRENCY = "EUR";
    static final String STREET = "Invalidenstraße 116";
    static final String CITY = "Berlin";
    static final String POSTAL_CODE = "10115";
    static final String COUNTRY = "DE";
    static final double LATITUDE = 52.5321;
    static final double LONGITUDE = 13.3849;
    static final String PAYMENT_TOKEN = "tok_approve";

    /** The REST body (and GraphQL's PlaceOrderInput: the same fields). */
    static final String JSON = "{\"items\":[{\"sku\":\"" + SKU + "\",\"name\":\"" + NAME + "\",\"quantity\":" + QUANTITY
            + ",\"unitPriceMinor\":" + UNIT_PRICE_MINOR + "}],\"currency\":\"" + CURRENCY + "\",\"deliveryAddress\":{\"street\":\""
            + STREET + "\",\"city\":\"" + CITY + "\",\"postalCode\":\"" + POSTAL_CODE + "\",\"country\":\"" + COUNTRY
            + "\",\"latitude\":" + LATITUDE + ",\"longitude\":" + LONGITUDE + "},\"paymentToken\":\"" + PAYMENT_TOKEN + "\"}";

    private OrderBodies() {
    }

    /** Unique per run and request, so that no request is answered from an earlier one's idempotency record. */
    static String idempotencyKey(String runId, long sequence) {
        return "bench-" + runId + "-" + sequence;
    }
}
