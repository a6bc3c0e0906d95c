package dev.dispatch.order.model;

import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The input rules of the order API. Every bad field is reported, each by its path in the request
 * message, so that the gateway can list them all in one problem.
 */
public final class OrderValidator {

    public static final int MAX_ITEMS = 100;
    public static final int MAX_QUANTITY = 999;
    /** 1,000,000.00 in a two-decimal currency: anything above is a typo or an attack, not a product. */
    public static final long MAX_UNIT_PRICE_MINOR = 100_000_000L;

    private static final Pattern SKU = Pattern.compile("^[A-Z0-9][A-Z0-9-]{1,31}$");
    private static final Pattern CURRENCY = Pattern.compile("^[A-Z]{3}$");
    private static final Pattern POSTAL_CODE = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9 -]{1,11}$");
    private static final Pattern DEVICE_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$");
    private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private OrderValidator() {
    }

    public static void validate(PlaceOrderCommand c) {
        List<FieldViolation> v = new ArrayList<>();
        if (c.idempotencyKey() != null && (c.idempotencyKey().length() > 255 || !isPrintable(c.idempotencyKey()))) {
            v.add(new FieldViolation("idempotency_key", "must be at most 255 printable characters"));
        }
        items(c.items(), v);
        if (c.currency() == null || !CURRENCY.matcher(c.currency()).matches() || !CURRENCIES.contains(c.currency())) {
            v.add(new FieldViolation("currency", "must be an ISO 4217 currency code in upper case, e.g. EUR"));
        }
        address(c.address(), v);
        if (c.paymentToken() == null || c.paymentToken().isBlank()) {
            v.add(new FieldViolation("payment_token", "is required"));
        } else if (c.paymentToken().length() > 128) {
            v.add(new FieldViolation("payment_token", "must be at most 128 characters"));
        }
        Double max = c.maxCargoTemperatureC();
        if (max != null && (!Double.isFinite(max) || max < -50 || max > 50)) {
            v.add(new FieldViolation("max_cargo_temperature_c", "must be between -50 and 50 degrees Celsius"));
        }
        if (!v.isEmpty()) {
            throw OrderRejected.invalid(v);
        }
    }

    public static UUID orderId(String value) {
        if (value == null || value.isBlank()) {
            throw OrderRejected.invalid("order_id", "is required");
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw OrderRejected.invalid("order_id", "must be a UUID");
        }
    }

    public static void deviceId(String value) {
        if (value == null || !DEVICE_ID.matcher(value).matches()) {
            throw OrderRejected.invalid("device_id", "is required: 1 to 64 letters, digits, '.', '_', ':' or '-'");
        }
    }

    public static int pageSize(int requested) {
        if (requested < 0 || requested > 100) {
            throw OrderRejected.invalid("page_size", "must be between 1 and 100 (0 means 20)");
        }
        return requested == 0 ? 20 : requested;
    }

    private static void items(List<OrderLine> items, List<FieldViolation> v) {
        if (items.isEmpty() || items.size() > MAX_ITEMS) {
            v.add(new FieldViolation("items", "must hold 1 to " + MAX_ITEMS + " items"));
            if (items.isEmpty()) {
                return;
            }
        }
        boolean linesValid = true;
        for (int i = 0; i < Math.min(items.size(), MAX_ITEMS); i++) {
            OrderLine item = items.get(i);
            String at = "items[" + i + "].";
            if (item.sku() == null || !SKU.matcher(item.sku()).matches()) {
                v.add(new FieldViolation(at + "sku", "must be 2 to 32 upper-case letters, digits or '-', starting with a letter or digit"));
            }
            if (item.name() == null || item.name().isBlank() || item.name().length() > 200) {
                v.add(new FieldViolation(at + "name", "is required, at most 200 characters"));
            }
            if (item.quantity() < 1 || item.quantity() > MAX_QUANTITY) {
                v.add(new FieldViolation(at + "quantity", "must be between 1 and " + MAX_QUANTITY));
                linesValid = false;
            }
            if (item.unitPriceMinor() < 0 || item.unitPriceMinor() > MAX_UNIT_PRICE_MINOR) {
                v.add(new FieldViolation(at + "unit_price_minor", "must be between 0 and " + MAX_UNIT_PRICE_MINOR + " minor units"));
                linesValid = false;
            }
        }
        // The total means something only once every line does; a free order has nothing to authorize.
        if (linesValid && items.stream().mapToLong(OrderLine::totalMinor).sum() <= 0) {
            v.add(new FieldViolation("items", "the order total must be more than zero"));
        }
    }

    private static void address(DeliveryAddress a, List<FieldViolation> v) {
        if (a == null) {
            v.add(new FieldViolation("delivery_address", "is required"));
            return;
        }
        text("delivery_address.street", a.street(), 200, v);
        text("delivery_address.city", a.city(), 100, v);
        if (a.postalCode() == null || !POSTAL_CODE.matcher(a.postalCode()).matches()) {
            v.add(new FieldViolation("delivery_address.postal_code", "must be 2 to 12 letters, digits, spaces or '-'"));
        }
        if (a.country() == null || !COUNTRIES.contains(a.country())) {
            v.add(new FieldViolation("delivery_address.country", "must be an ISO 3166-1 alpha-2 code in upper case, e.g. DE"));
        }
        if (!Double.isFinite(a.latitude()) || a.latitude() < -90 || a.latitude() > 90) {
            v.add(new FieldViolation("delivery_address.latitude", "must be between -90 and 90"));
        }
        if (!Double.isFinite(a.longitude()) || a.longitude() < -180 || a.longitude() > 180) {
            v.add(new FieldViolation("delivery_address.longitude", "must be between -180 and 180"));
        }
    }

    private static void text(String field, String value, int max, List<FieldViolation> v) {
        if (value == null || value.isBlank() || value.length() > max) {
            v.add(new FieldViolation(field, "is required, at most " + max + " characters"));
        }
    }

    private static boolean isPrintable(String s) {
        return !s.isBlank() && s.chars().allMatch(ch -> ch >= 0x20 && ch != 0x7f);
    }
}
