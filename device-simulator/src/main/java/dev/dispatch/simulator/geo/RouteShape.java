package dev.dispatch.simulator.geo;

/** How a device gets from where it is to where it must go. */
public enum RouteShape {
    /** As the crow flies. */
    STRAIGHT,
    /** Along two streets at a right angle: first north or south, then east or west. */
    STREETS
}
