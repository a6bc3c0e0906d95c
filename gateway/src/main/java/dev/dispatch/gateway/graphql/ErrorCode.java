package dev.dispatch.gateway.graphql;

/** The {@code extensions.code} of every GraphQL error: what a client may switch on, like the REST problem types. */
public enum ErrorCode {
    /** Unknown, or not the caller's: the two are not told apart. */
    NOT_FOUND,
    /** Bad arguments, a query that does not fit the schema, or one over the depth or complexity limit. */
    BAD_USER_INPUT,
    /** No token, or one that is expired, forged or of another issuer. */
    UNAUTHENTICATED,
    /** The caller's role may not do this. */
    FORBIDDEN,
    /** Not in this state (cancel after dispatch), or an idempotency key reused with other input. */
    CONFLICT,
    /** A backend is down, or too many requests are under way: nothing was done; try again shortly. */
    UNAVAILABLE,
    /** placeOrder got no answer in time: the order may or may not exist; place again with the idempotencyKey the message names. */
    OUTCOME_UNKNOWN,
    /** A fault of the gateway or a backend; logged, never described. */
    INTERNAL
}
