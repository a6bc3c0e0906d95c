package dev.dispatch.notification.model;

/** A call rings until answered (then it is active) or ended; ended is final. */
public enum CallState {
    RINGING, ACTIVE, ENDED
}
