package dev.dispatch.iot.model;

import java.util.List;

/**
 * What a status message changed: whether the device came (back) online, what it decides (an offline alert), and the
 * courier's new presence when that changed (else null).
 */
public record PresenceChange(boolean cameOnline, List<Decision> decisions, PresenceChanged presence) {
}
