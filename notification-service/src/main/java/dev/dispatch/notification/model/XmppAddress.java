package dev.dispatch.notification.model;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rule for the user ids that become XMPP localparts ({@code alice@dispatch.local}): lower case letters, digits,
 * '.', '_' and '-', starting with a letter or digit, at most 64 characters. Stricter than RFC 7622 on purpose: no
 * case folding or Unicode mapping may turn two user ids into one account, and nothing reserved (the bot) is allowed.
 */
public final class XmppAddress {

    private static final Pattern LOCALPART = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private XmppAddress() {
    }

    /** Why {@code userId} cannot be a localpart, or empty if it can. */
    public static Optional<String> problem(String userId, String reservedLocalpart) {
        if (userId == null || userId.isEmpty()) {
            return Optional.of("must not be empty");
        }
        if (!LOCALPART.matcher(userId).matches()) {
            return Optional.of("must be 1-64 of a-z, 0-9, '.', '_', '-', starting with a letter or digit");
        }
        if (userId.equals(reservedLocalpart)) {
            return Optional.of("is reserved");
        }
        return Optional.empty();
    }
}
