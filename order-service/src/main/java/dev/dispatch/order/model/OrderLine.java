package dev.dispatch.order.service;

public record OrderLine(String sku, String name, int quantity, long unitPriceMinor) {

    public long totalMinor() {
        return quantity * unitPriceMinor;
    }
}
