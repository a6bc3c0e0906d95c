package dev.dispatch.notification.service;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.dispatch.notification.model.Party;
import dev.dispatch.notification.model.PartyRole;
import io.quarkus.security.identity.SecurityIdentity;

/** Who a caller of the calls' endpoints is: the JWT subject in the role of its group (operator before courier before customer). */
public final class Parties {

    private Parties() {
    }

    /** For a request whose token carried one of the three roles (the endpoints allow no other). */
    public static Party of(SecurityIdentity identity) {
        String subject = identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null
                ? jwt.getSubject()
                : identity.getPrincipal().getName();
        PartyRole role = identity.hasRole(PartyRole.OPERATOR.key()) ? PartyRole.OPERATOR
                : identity.hasRole(PartyRole.COURIER.key()) ? PartyRole.COURIER
                : PartyRole.CUSTOMER;
        return new Party(subject, role);
    }
}
