package dev.dispatch.notification.service;

import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.dispatch.notification.model.Recipient;
import io.quarkus.security.identity.SecurityIdentity;

/** Who a caller is, as a recipient: one rule for every channel, whatever protocol authenticated them. */
public final class Recipients {

    private Recipients() {
    }

    /** The caller of a request whose token carried one of the two roles (the endpoints allow no other). */
    public static Recipient of(SecurityIdentity identity) {
        Set<String> roles = identity.getRoles();
        return new Recipient(subject(identity), roles.contains(Recipient.OPERATOR_ROLE));
    }

    /** The user a token speaks for: its subject (the principal's name when it has none). */
    static String subject(SecurityIdentity identity) {
        return identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null
                ? jwt.getSubject()
                : identity.getPrincipal().getName();
    }
}
