package dev.dispatch.gateway.graphql;

/** An error the GraphQL API decides on itself, with the code it is answered with. Its message is for the client. */
public class ApiError extends RuntimeException {

    private final ErrorCode code;

    public ApiError(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
