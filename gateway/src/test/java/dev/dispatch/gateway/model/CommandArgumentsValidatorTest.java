package dev.dispatch.gateway.model;

import static dev.dispatch.gateway.model.Validators.errors;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.dispatch.platform.problem.FieldError;

/** Which arguments a device command takes, and how a bad one is named (REST's body and GraphQL's arguments alike). */
class CommandArgumentsValidatorTest {

    @Test
    void setReportIntervalTakesWholeSecondsFromOneTo3600() {
        assertThat(CommandArgumentsValidator.wrongArguments("SET_REPORT_INTERVAL", Map.of("seconds", 1))).isEmpty();
        assertThat(CommandArgumentsValidator.wrongArguments("SET_REPORT_INTERVAL", Map.of("seconds", 3600L))).isEmpty();
        for (Object seconds : new Object[] { 0, 3601, -5, 30.5, 30.0, "30", true }) {
            assertThat(CommandArgumentsValidator.wrongArguments("SET_REPORT_INTERVAL", Map.of("seconds", seconds)))
                    .as("seconds = %s", seconds)
                    .containsExactly(Map.entry("seconds", "must be a whole number from 1 to 3600"));
        }
    }

    @Test
    void aMissingArgumentIsRequiredAndAnUnknownOneIsNamed() {
        assertThat(CommandArgumentsValidator.wrongArguments("SET_REPORT_INTERVAL", null))
                .containsExactly(Map.entry("seconds", "is required for SET_REPORT_INTERVAL"));
        assertThat(CommandArgumentsValidator.wrongArguments("SET_REPORT_INTERVAL", Map.of("second", 30)))
                .containsOnly(Map.entry("second", "is not an argument of SET_REPORT_INTERVAL"),
                        Map.entry("seconds", "is required for SET_REPORT_INTERVAL"));
    }

    @Test
    void theOtherCommandsTakeNothing() {
        for (String type : new String[] { "PING", "LOCK_CARGO", "UNLOCK_CARGO" }) {
            assertThat(CommandArgumentsValidator.wrongArguments(type, null)).isEmpty();
            assertThat(CommandArgumentsValidator.wrongArguments(type, Map.of())).isEmpty();
            assertThat(CommandArgumentsValidator.wrongArguments(type, Map.of("seconds", 30)))
                    .containsExactly(Map.entry("seconds", "is not an argument of " + type));
        }
    }

    @Test
    void noCommandTypeLeavesTheArgumentsToTheTypeRule() {
        assertThat(CommandArgumentsValidator.wrongArguments("REBOOT", Map.of("seconds", 30))).isEmpty();
        assertThat(CommandArgumentsValidator.wrongArguments(null, Map.of("seconds", 30))).isEmpty();
    }

    @Test
    void aRequestNamesEachBadArgumentUnderArguments() {
        assertThat(errors(new DeviceCommandRequest("PING", Map.of("seconds", 30))))
                .containsExactly(new FieldError("arguments.seconds", "is not an argument of PING"));
        assertThat(errors(new DeviceCommandRequest("REBOOT", null)))
                .containsExactly(new FieldError("type", "must be one of PING, SET_REPORT_INTERVAL, LOCK_CARGO, UNLOCK_CARGO"));
        assertThat(errors(new DeviceCommandRequest(null, null))).containsExactly(new FieldError("type", "is required"));
        assertThat(errors(new DeviceCommandRequest("SET_REPORT_INTERVAL", Map.of("seconds", 30)))).isEmpty();
    }

    @Test
    void argumentsGoOnTheWireAsText() {
        Map<String, Object> arguments = new HashMap<>();
        arguments.put("seconds", 30);
        assertThat(CommandArgumentsValidator.wireValue(arguments.get("seconds"))).isEqualTo("30");
        assertThat(CommandArgumentsValidator.wireValue(3600L)).isEqualTo("3600");
    }
}
