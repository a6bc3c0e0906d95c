package dev.dispatch.order.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A fingerprint of what a PlaceOrder request asks for (not who asks or with which key), so that a
 * replay under the same idempotency key can be told from a different request reusing the key.
 * Every value is written with its length, so no two different requests write the same text.
 */
public final class RequestHash {

    private RequestHash() {
    }

    public static String of(PlaceOrderCommand c) {
        StringBuilder canonical = new StringBuilder("v1|").append(c.items().size());
        c.items().forEach(i -> field(field(field(field(canonical, i.sku()), i.name()), String.valueOf(i.quantity())),
                String.valueOf(i.unitPriceMinor())));
        field(canonical, c.currency());
        DeliveryAddress a = c.address();
        if (a != null) {
            field(field(field(field(canonical, a.street()), a.city()), a.postalCode()), a.country());
            field(field(canonical, Double.toString(a.latitude())), Double.toString(a.longitude()));
        }
        field(canonical, c.paymentToken());
        field(canonical, c.maxCargoTemperatureC() == null ? null : c.maxCargoTemperatureC().toString());
        return sha256(canonical.toString());
    }

    private static StringBuilder field(StringBuilder out, String value) {
        return value == null ? out.append("|-") : out.append('|').append(value.length()).append(':').append(value);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
