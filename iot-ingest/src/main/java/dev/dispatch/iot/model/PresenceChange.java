package dev.dispatch.iot.model;

import java.util.List;

/** What a status message changed: whether the device came (back) online, and what it decides (an offline alert). */
public record PresenceChange(boolean cameOnline, List<Decision> decisions) {
}
