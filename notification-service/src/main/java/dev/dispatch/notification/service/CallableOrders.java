package dev.dispatch.notification.service;

import java.util.List;

import dev.dispatch.notification.model.OrderParties;
import dev.dispatch.notification.model.Party;
import dev.dispatch.notification.repository.CallRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The orders a user may call about now (dispatched, neither delivered nor cancelled): what a page offers a "Call" button
 * for. The same parties that /ws/calls checks a call against, so the list never offers a call that would be refused.
 */
@ApplicationScoped
public class CallableOrders {

    /** An operator sees every open order; a page shows a screenful, not the whole history. */
    static final int LIMIT = 100;

    private final CallRepository calls;

    CallableOrders(CallRepository calls) {
        this.calls = calls;
    }

    public Uni<List<OrderParties>> of(Party party) {
        return calls.callableFor(party, LIMIT);
    }
}
