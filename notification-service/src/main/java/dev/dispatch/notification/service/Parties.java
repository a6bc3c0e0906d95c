package dev.dispatch.notification.service;

import dev.dispatch.notification.model.Party;
import dev.dispatch.notification.model.PartyRole;
import io.quarkus.security.identity.SecurityIdentity;

/** Who a caller of the calls' endpoints is: the JWT subject in the role of its group (operator before courier before customer). */
public final class Parties {

    private Parties() {
    }

    /** For a request whose token carried one of the three roles (the endpoints allow no other). */
    public static Party of(SecurityIdentity identity) {
        PartyRole role = identity.hasRole(PartyRole.OPERATOR.key()) ? PartyRole.OPERATOR
                : identity.hasRole(PartyRole.COURIER.key()) ? PartyRole.COURIER
                : PartyRole.CUSTOMER;
        return new Party(Recipients.subject(identity), role);
    }
}
