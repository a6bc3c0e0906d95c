package dev.dispatch.gateway.graphql;

import java.util.regex.Pattern;

import dev.dispatch.gateway.validation.DeviceIds;

/** Ids that cannot name anything are NOT_FOUND without asking a backend, as in REST. */
final class Ids {

    private static final Pattern UUID_TEXT =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private Ids() {
    }

    static String order(String id) {
        if (id == null || !UUID_TEXT.matcher(id).matches()) {
            throw new ApiError(ErrorCode.NOT_FOUND, "No such order, or not one of yours");
        }
        return id;
    }

    static String device(String id) {
        if (!DeviceIds.isValid(id)) {
            throw new ApiError(ErrorCode.NOT_FOUND, "No such device");
        }
        return id;
    }

    /** A page size argument: 1 to 100. */
    static int first(int first) {
        if (first < 1 || first > 100) {
            throw new ApiError(ErrorCode.BAD_USER_INPUT, "1 field is not valid: first must be a whole number from 1 to 100");
        }
        return first;
    }

    static String after(String after) {
        if (after != null && after.length() > 512) {
            throw new ApiError(ErrorCode.BAD_USER_INPUT, "1 field is not valid: after must be at most 512 characters");
        }
        return after == null ? "" : after;
    }
}
