package dev.dispatch.order.model;

/** What a decision on the locked, current order does to it. */
public sealed interface Change {

    /** A state change: the status moves, the version goes up by one, and exactly one event is written. */
    record Transition(Order next) implements Change {
    }

    /** Bookkeeping that is not a state change (e.g. where a refund stands): no event, same version. */
    record Update(Order next) implements Change {
    }

    /** Nothing to do, e.g. a repeated call that already had its effect. */
    record Keep() implements Change {
    }

    static Change transition(Order next) {
        return new Transition(next);
    }

    static Change update(Order next) {
        return new Update(next);
    }

    static Change keep() {
        return new Keep();
    }
}
