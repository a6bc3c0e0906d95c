package dev.dispatch.logging;

import java.util.List;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.jboss.logmanager.ExtLogRecord;

import io.quarkus.logging.LoggingFilter;

/**
 * A broker that is down or restarting is an expected condition, not a bug: the messaging clients retry
 * on their own and readiness says DOWN. Their stack traces (the MQTT client prints one per attempt, every
 * second) would bury everything else, so a record from them keeps its message and the cause's, on one
 * line, as a warning. Enable with {@code quarkus.log.console.filter=quiet-reconnect}.
 */
@LoggingFilter(name = "quiet-reconnect")
public final class QuietReconnectFilter implements Filter {

    static final List<String> CLIENT_LOGGERS = List.of(
            "io.vertx.mqtt",
            "io.vertx.amqp",
            "io.vertx.proton",
            "io.smallrye.reactive.messaging.amqp",
            "io.smallrye.reactive.messaging.mqtt");

    @Override
    public boolean isLoggable(LogRecord record) {
        Throwable thrown = record.getThrown();
        if (thrown != null && fromClient(record.getLoggerName())) {
            String line = message(record) + " [" + rootCause(thrown) + "]";
            if (record instanceof ExtLogRecord ext) {
                ext.setMessage(line, ExtLogRecord.FormatStyle.NO_FORMAT);
            } else {
                record.setMessage(line);
                record.setParameters(null);
            }
            record.setThrown(null);
            if (record.getLevel().intValue() > org.jboss.logmanager.Level.WARN.intValue()) {
                record.setLevel(org.jboss.logmanager.Level.WARN);
            }
        }
        return true;
    }

    private static boolean fromClient(String logger) {
        return logger != null && CLIENT_LOGGERS.stream().anyMatch(logger::startsWith);
    }

    private static String message(LogRecord record) {
        if (record instanceof ExtLogRecord ext) {
            return ext.getFormattedMessage();
        }
        return record.getMessage();
    }

    private static String rootCause(Throwable thrown) {
        Throwable cause = thrown;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
