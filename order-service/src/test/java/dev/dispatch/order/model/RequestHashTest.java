package dev.dispatch.order.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The fingerprint of a PlaceOrder request: the same request gives the same hash, any other request another. */
class RequestHashTest {

    private static final Caller CUSTOMER = new Caller("customer-1", Caller.Role.CUSTOMER);
    private static final DeliveryAddress BERLIN = new DeliveryAddress("Unter den Linden 1", "Berlin", "10117", "DE", 52.517, 13.3889);
    private static final List<OrderLine> LINES = List.of(new OrderLine("PIZZA", "Pizza", 2, 1250), new OrderLine("COLA", "Cola", 1, 300));
    private static final PlaceOrderCommand BASE = new PlaceOrderCommand(CUSTOMER, "key-1", LINES, "EUR", BERLIN, "tok_approve", 6.0);

    @Test
    void theSameRequestHasTheSameHash() {
        PlaceOrderCommand again = new PlaceOrderCommand(CUSTOMER, "key-1", List.copyOf(LINES), "EUR",
                new DeliveryAddress("Unter den Linden 1", "Berlin", "10117", "DE", 52.517, 13.3889), "tok_approve", 6.0);

        assertThat(RequestHash.of(again)).isEqualTo(RequestHash.of(BASE)).matches("[0-9a-f]{64}");
    }

    @Test
    void whoAsksAndUnderWhichKeyDoNotCount() {
        PlaceOrderCommand other = new PlaceOrderCommand(new Caller("operator-1", Caller.Role.OPERATOR), "key-2", LINES, "EUR", BERLIN,
                "tok_approve", 6.0);

        assertThat(RequestHash.of(other)).isEqualTo(RequestHash.of(BASE));
    }

    @Test
    void everyPartOfTheRequestCounts() {
        DeliveryAddress a = BERLIN;
        List<PlaceOrderCommand> variants = List.of(
                BASE,
                withLines(List.of(new OrderLine("PIZZA", "Pizza", 3, 1250), LINES.get(1))),
                withLines(List.of(new OrderLine("PIZZA", "Pizza", 2, 1251), LINES.get(1))),
                withLines(List.of(new OrderLine("PIZZB", "Pizza", 2, 1250), LINES.get(1))),
                withLines(List.of(new OrderLine("PIZZA", "Pizza!", 2, 1250), LINES.get(1))),
                withLines(List.of(LINES.get(1), LINES.get(0))),
                withLines(List.of(LINES.get(0))),
                new PlaceOrderCommand(CUSTOMER, "key-1", LINES, "USD", BERLIN, "tok_approve", 6.0),
                withAddress(new DeliveryAddress("Unter den Linden 2", a.city(), a.postalCode(), a.country(), a.latitude(), a.longitude())),
                withAddress(new DeliveryAddress(a.street(), "Potsdam", a.postalCode(), a.country(), a.latitude(), a.longitude())),
                withAddress(new DeliveryAddress(a.street(), a.city(), "10118", a.country(), a.latitude(), a.longitude())),
                withAddress(new DeliveryAddress(a.street(), a.city(), a.postalCode(), "AT", a.latitude(), a.longitude())),
                withAddress(new DeliveryAddress(a.street(), a.city(), a.postalCode(), a.country(), 52.518, a.longitude())),
                withAddress(new DeliveryAddress(a.street(), a.city(), a.postalCode(), a.country(), a.latitude(), 13.389)),
                withAddress(null),
                new PlaceOrderCommand(CUSTOMER, "key-1", LINES, "EUR", BERLIN, "tok_fraud", 6.0),
                new PlaceOrderCommand(CUSTOMER, "key-1", LINES, "EUR", BERLIN, "tok_approve", 6.5),
                new PlaceOrderCommand(CUSTOMER, "key-1", LINES, "EUR", BERLIN, "tok_approve", null));

        Set<String> hashes = new HashSet<>();
        variants.forEach(v -> hashes.add(RequestHash.of(v)));

        assertThat(hashes).hasSize(variants.size());
    }

    @Test
    void valuesCannotRunIntoEachOther() {
        // Without lengths, "AB"+"C" and "A"+"BC" (or a value holding the separator) would write the same text.
        PlaceOrderCommand one = withLines(List.of(new OrderLine("AB", "C", 1, 100)));
        PlaceOrderCommand two = withLines(List.of(new OrderLine("A", "BC", 1, 100)));
        PlaceOrderCommand three = withLines(List.of(new OrderLine("A|1:B", "C", 1, 100)));
        PlaceOrderCommand four = withLines(List.of(new OrderLine("A", "B|1:C", 1, 100)));

        assertThat(Set.of(RequestHash.of(one), RequestHash.of(two), RequestHash.of(three), RequestHash.of(four))).hasSize(4);
    }

    @Test
    void aMissingValueIsNotAnEmptyOne() {
        PlaceOrderCommand noToken = new PlaceOrderCommand(CUSTOMER, "key-1", LINES, "EUR", BERLIN, null, 6.0);
        PlaceOrderCommand emptyToken = new PlaceOrderCommand(CUSTOMER, "key-1", LINES, "EUR", BERLIN, "", 6.0);

        assertThat(RequestHash.of(noToken)).isNotEqualTo(RequestHash.of(emptyToken));
    }

    private static PlaceOrderCommand withLines(List<OrderLine> lines) {
        return new PlaceOrderCommand(CUSTOMER, "key-1", lines, "EUR", BERLIN, "tok_approve", 6.0);
    }

    private static PlaceOrderCommand withAddress(DeliveryAddress address) {
        return new PlaceOrderCommand(CUSTOMER, "key-1", LINES, "EUR", address, "tok_approve", 6.0);
    }
}
