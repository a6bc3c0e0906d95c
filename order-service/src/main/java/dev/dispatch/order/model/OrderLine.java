package dev.dispatch.order.model;

public record OrderLine(String sku, String name, int quantity, long unitPriceMinor) {

    public long totalMinor() {
        return quantity * unitPriceMinor;
    }
}
