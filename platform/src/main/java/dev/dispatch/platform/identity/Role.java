package dev.dispatch.platform.identity;

import java.util.Locale;

/**
 * What an internal token says its subject is. The user roles come from the user's own JWT at the gateway; {@link
 * #SERVICE} is a service acting for no user (order-service retrying a payment), whose subject is its own name.
 */
public enum Role {
    CUSTOMER, OPERATOR, COURIER, SERVICE;

    /** The value of the token's {@code role} claim: the name in lower case. */
    public String claim() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role a claim names, or null for any other value. */
    public static Role ofClaim(String claim) {
        for (Role role : values()) {
            if (role.claim().equals(claim)) {
                return role;
            }
        }
        return null;
    }
}
