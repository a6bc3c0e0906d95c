package dev.dispatch.order.model;

public record DeliveryAddress(String street, String city, String postalCode, String country, double latitude, double longitude) {
}
