package dev.dispatch.loadgen.core;

/** How one request ended: {@link #OK}, or a short label of what went wrong ("http 503", "UNAVAILABLE", ...). */
public record Outcome(String error) {

    public static final Outcome OK = new Outcome(null);

    public static Outcome failed(String error) {
        return new Outcome(error == null ? "unknown" : error);
    }

    /** A label for an exception: its simple class name, which groups well in the summary (messages vary). */
    public static Outcome of(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof java.util.concurrent.CompletionException
                || cause instanceof java.util.concurrent.ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return failed(cause.getClass().getSimpleName());
    }

    public boolean ok() {
        return error == null;
    }
}
