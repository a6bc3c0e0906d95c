package dev.dispatch.gateway.backend;

import java.util.regex.Pattern;

import io.grpc.Status;

/** How the gateway reads a failed call to a backend. */
public final class BackendFailures {

    private static final String CONNECTION_TORN_DOWN = "Connection closed after GOAWAY";
    /** How grpc-java words an UNAVAILABLE it made itself because the transport failed (not the backend's answer). */
    private static final Pattern TRANSPORT_FAILURE = Pattern.compile(
            "(?i)network closed|goaway|rst_stream|http/2 error|io exception|keepalive|shutdown|stream closed|connection");

    private BackendFailures() {
    }

    /**
     * Whether the backend could not be reached, or the connection to it broke under the call: then the same call
     * may well succeed later. grpc-java reports a connection the server ended with an error GOAWAY as INTERNAL (or
     * RESOURCE_EXHAUSTED for ENHANCE_YOUR_CALM), not UNAVAILABLE; a Vert.x-based gRPC server does that when it answers a call its client already gave up on, taking
     * every other call on the connection down with it.
     */
    public static boolean isUnavailable(Throwable failure) {
        Status status = Status.fromThrowable(failure);
        return switch (status.getCode()) {
            case UNAVAILABLE -> true;
            // RESOURCE_EXHAUSTED too: a GOAWAY with ENHANCE_YOUR_CALM (the server's HTTP/2 flood guard) is reported so.
            case INTERNAL, RESOURCE_EXHAUSTED -> status.getDescription() != null && status.getDescription().startsWith(CONNECTION_TORN_DOWN);
            default -> false;
        };
    }

    public static boolean isTooSlow(Throwable failure) {
        return Status.fromThrowable(failure).getCode() == Status.Code.DEADLINE_EXCEEDED;
    }

    /**
     * Whether the backend certainly did not do what it was asked: the request never reached it ({@link #neverSent}),
     * or it answered UNAVAILABLE itself (a status of its own, with no transport cause: its database was down, say).
     * Everything else that failed a call, a deadline passing or the connection breaking under it, leaves it open.
     */
    public static boolean certainlyNotDone(Throwable failure) {
        return neverSent(failure) || answeredUnavailable(failure);
    }

    private static boolean answeredUnavailable(Throwable failure) {
        Status status = Status.fromThrowable(failure);
        String description = status.getDescription();
        return status.getCode() == Status.Code.UNAVAILABLE && status.getCause() == null && description != null
                && !TRANSPORT_FAILURE.matcher(description).find();
    }

    /**
     * Whether the request certainly never reached the backend: no connection could be made to it (grpc-java fails such
     * a call UNAVAILABLE, caused by the refused or unroutable connection). A deadline that passed, or a connection that
     * broke under the call, leaves open whether the backend got it and acted.
     */
    public static boolean neverSent(Throwable failure) {
        if (Status.fromThrowable(failure).getCode() != Status.Code.UNAVAILABLE) {
            return false;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof java.nio.channels.UnresolvedAddressException
                    || t instanceof java.net.NoRouteToHostException) {
                return true;
            }
        }
        return false;
    }
}
