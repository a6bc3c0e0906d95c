package dev.dispatch.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.logging.Level;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

class QuietReconnectFilterTest {

    private final QuietReconnectFilter filter = new QuietReconnectFilter();

    @Test
    void aClientFailureBecomesOneWarningLineWithItsCause() {
        ExtLogRecord record = record("io.vertx.mqtt.impl.MqttClientImpl", Level.SEVERE, "Can't connect to %s:%d",
                new RuntimeException("connect failed", new ConnectException("Connection refused")), "127.0.0.1", 1884);

        assertThat(filter.isLoggable(record)).isTrue();

        assertThat(record.getThrown()).isNull();
        assertThat(record.getLevel()).isEqualTo(org.jboss.logmanager.Level.WARN);
        assertThat(record.getFormattedMessage())
                .isEqualTo("Can't connect to 127.0.0.1:1884 [ConnectException: Connection refused]");
    }

    @Test
    void recordsOfOtherLoggersAreLeftAlone() {
        RuntimeException bug = new IllegalStateException("a real bug");
        ExtLogRecord record = record("dev.dispatch.order.service.OrderLifecycle", Level.SEVERE, "failed", bug);

        assertThat(filter.isLoggable(record)).isTrue();

        assertThat(record.getThrown()).isSameAs(bug);
        assertThat(record.getLevel()).isEqualTo(Level.SEVERE);
    }

    @Test
    void clientRecordsWithoutAnExceptionAreLeftAlone() {
        ExtLogRecord record = record("io.smallrye.reactive.messaging.amqp", Level.INFO, "Connection with AMQP broker established", null);

        assertThat(filter.isLoggable(record)).isTrue();

        assertThat(record.getLevel()).isEqualTo(Level.INFO);
        assertThat(record.getFormattedMessage()).isEqualTo("Connection with AMQP broker established");
    }

    private static ExtLogRecord record(String logger, Level level, String format, Throwable thrown, Object... params) {
        ExtLogRecord record = new ExtLogRecord(level, format, ExtLogRecord.FormatStyle.PRINTF, QuietReconnectFilterTest.class.getName());
        record.setLoggerName(logger);
        record.setParameters(params);
        record.setThrown(thrown);
        return record;
    }
}
