package dev.dispatch.gateway.graphql;

import dev.dispatch.gateway.backend.Backend;
import dev.dispatch.gateway.model.DeviceIds;
import dev.dispatch.gateway.model.OrderIds;
import dev.dispatch.gateway.model.PageLimits;

/**
 * The id and paging arguments, by the rules REST has too: ids that cannot name anything are NOT_FOUND without asking
 * a backend; page sizes and cursors out of bounds are BAD_USER_INPUT.
 */
final class Ids {

    private Ids() {
    }

    static String order(String id) {
        if (!OrderIds.isValid(id)) {
            throw new ApiError(ErrorCode.NOT_FOUND, Backend.ORDERS.notFound());
        }
        return id;
    }

    static String device(String id) {
        if (!DeviceIds.isValid(id)) {
            throw new ApiError(ErrorCode.NOT_FOUND, Backend.DEVICES.notFound());
        }
        return id;
    }

    /** Sensor ids follow the device id rule. */
    static String sensor(String id) {
        if (!DeviceIds.isValid(id)) {
            throw new ApiError(ErrorCode.NOT_FOUND, Backend.SENSORS.notFound());
        }
        return id;
    }

    /** A page size argument. */
    static int first(int first) {
        if (!PageLimits.isPageSize(first)) {
            throw InputChecks.invalid("first", PageLimits.PAGE_RULE);
        }
        return first;
    }

    /** A cursor argument; none is the first page, an empty page token. */
    static String after(String after) {
        if (!PageLimits.isCursor(after)) {
            throw InputChecks.invalid("after", PageLimits.CURSOR_RULE);
        }
        return after == null ? "" : after;
    }
}
