package dev.dispatch.platform.identity;

/**
 * Who a gRPC call is for, as its verified internal token says: the user (customer, operator, courier) the gateway
 * acts for, or a service acting as itself. {@code issuer} is the service that signed the token.
 */
public record CallerIdentity(String subject, Role role, String issuer) {

    public static CallerIdentity user(String subject, Role role) {
        if (role == Role.SERVICE) {
            throw new IllegalArgumentException("a user has a user role, not " + role);
        }
        return new CallerIdentity(subject, role, null);
    }

    public boolean is(Role expected) {
        return role == expected;
    }

    /** The named service acting as itself. */
    public boolean isService(String name) {
        return role == Role.SERVICE && subject.equals(name);
    }
}
