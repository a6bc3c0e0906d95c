package dev.dispatch.gateway.graphql.type;

/** Money in integer minor units, never a float: 2500 with EUR is 25.00 EUR. */
public record Amount(long amountMinor, String currency) {
}
