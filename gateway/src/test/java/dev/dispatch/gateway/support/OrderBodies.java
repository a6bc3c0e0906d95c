package dev.dispatch.gateway.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Request bodies as plain maps, so that a test can break any one field of a valid order. */
public final class OrderBodies {

    private OrderBodies() {
    }

    /** Two coolers to Berlin (2 × 12.50 EUR), paid with the given test token. */
    public static Map<String, Object> order(String paymentToken) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", new ArrayList<>(List.of(item("VAX-COOLER-01", 2, 1250))));
        body.put("currency", "EUR");
        body.put("deliveryAddress", address());
        body.put("paymentToken", paymentToken);
        body.put("maxCargoTemperatureC", 8.0);
        return body;
    }

    public static Map<String, Object> item(String sku, Object quantity, Object unitPriceMinor) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("sku", sku);
        item.put("name", "Insulated vaccine cooler");
        item.put("quantity", quantity);
        item.put("unitPriceMinor", unitPriceMinor);
        return item;
    }

    public static Map<String, Object> address() {
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("street", "Invalidenstraße 116");
        address.put("city", "Berlin");
        address.put("postalCode", "10115");
        address.put("country", "DE");
        address.put("latitude", 52.5321);
        address.put("longitude", 13.3849);
        return address;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> addressOf(Map<String, Object> order) {
        return (Map<String, Object>) order.get("deliveryAddress");
    }

    @SuppressWarnings("unchecked")
    public static List<Object> itemsOf(Map<String, Object> order) {
        return (List<Object>) order.get("items");
    }
}
