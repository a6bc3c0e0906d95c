package dev.dispatch.gateway.model;

/**
 * How much one read may ask for, the same over REST ({@code limit}, {@code cursor}) and GraphQL ({@code first},
 * {@code after}, {@code last}). The words are the field messages both APIs answer with.
 */
public final class PageLimits {

    /** Orders or devices per page. */
    public static final int MIN_PAGE = 1;
    public static final int MAX_PAGE = 100;
    public static final String PAGE_RULE = "must be a whole number from " + MIN_PAGE + " to " + MAX_PAGE;

    /** A device's or a sensor's newest readings in one answer. */
    public static final int MIN_READINGS = 1;
    public static final int MAX_READINGS = 500;
    public static final String READINGS_RULE = "must be a whole number from " + MIN_READINGS + " to " + MAX_READINGS;

    /** A page token is the backend's opaque text; longer than this is no token it made. */
    public static final int MAX_CURSOR = 512;
    public static final String CURSOR_RULE = "must be at most " + MAX_CURSOR + " characters";

    private PageLimits() {
    }

    public static boolean isPageSize(int size) {
        return size >= MIN_PAGE && size <= MAX_PAGE;
    }

    public static boolean isReadings(int count) {
        return count >= MIN_READINGS && count <= MAX_READINGS;
    }

    /** Absent is valid: the first page. */
    public static boolean isCursor(String cursor) {
        return cursor == null || cursor.length() <= MAX_CURSOR;
    }
}
