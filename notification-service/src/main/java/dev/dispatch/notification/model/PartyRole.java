package dev.dispatch.notification.model;

import java.util.Locale;
import java.util.Optional;

/** Who takes part in a call: the order's customer, its courier (user id = device id), or an operator. */
public enum PartyRole {
    CUSTOMER, COURIER, OPERATOR;

    /** The JWT group and the role in signalling messages: {@code customer}, {@code courier}, {@code operator}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<PartyRole> byKey(String key) {
        for (PartyRole role : values()) {
            if (role.key().equals(key)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
