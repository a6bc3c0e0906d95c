package dev.dispatch.notification.service;

/** The live feed has not yet read where the history ends (the database was not reachable so far). */
public class FeedNotStartedException extends RuntimeException {

    public FeedNotStartedException() {
        super("the live feed is not started yet (is the database reachable?)");
    }
}
