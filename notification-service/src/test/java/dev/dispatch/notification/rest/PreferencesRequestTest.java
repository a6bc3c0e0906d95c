package dev.dispatch.notification.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dispatch.notification.model.Channel;
import dev.dispatch.notification.model.Preferences;
import dev.dispatch.platform.problem.FieldError;

/** The PUT body's rules: every bad field reported once, by its JSON path; what is valid becomes the switches. */
class PreferencesRequestTest {

    static final ObjectMapper MAPPER = new ObjectMapper();

    static PreferencesRequest.Invalid invalid(String body) {
        return catchThrowableOfType(PreferencesRequest.Invalid.class, () -> PreferencesRequest.parse(MAPPER, body));
    }

    @Test
    void aValidBodyBecomesTheSwitchesAsSent() throws Exception {
        Preferences p = PreferencesRequest.parse(MAPPER,
                "{\"types\":{\"dispatch.order.paid\":{\"websocket\":false,\"sse\":true},\"dispatch.delivery.progress\":{}}}");
        assertThat(p.switches()).containsExactly(
                Map.entry("dispatch.order.paid", Map.of(Channel.WEBSOCKET, false, Channel.SSE, true)),
                Map.entry("dispatch.delivery.progress", Map.of()));
        assertThat(PreferencesRequest.parse(MAPPER, "{\"types\":{}}").switches()).as("everything back on").isEmpty();
    }

    @Test
    void aBodyThatIsNotJsonOrEmptyIsMalformed() {
        assertThatThrownBy(() -> PreferencesRequest.parse(MAPPER, "{\"types\":")).isInstanceOf(PreferencesRequest.MalformedJson.class)
                .hasMessage("The body is not valid JSON");
        assertThatThrownBy(() -> PreferencesRequest.parse(MAPPER, "not json")).isInstanceOf(PreferencesRequest.MalformedJson.class);
        assertThatThrownBy(() -> PreferencesRequest.parse(MAPPER, null)).isInstanceOf(PreferencesRequest.MalformedJson.class)
                .hasMessageStartingWith("The body is empty");
        assertThatThrownBy(() -> PreferencesRequest.parse(MAPPER, "  ")).isInstanceOf(PreferencesRequest.MalformedJson.class)
                .hasMessageStartingWith("The body is empty");
    }

    @Test
    void aBodyThatIsNotAnObjectIsInvalidAsAWhole() {
        assertThat(invalid("[]").errors()).containsExactly(new FieldError("", "must be a JSON object"));
        assertThat(invalid("\"types\"").errors()).containsExactly(new FieldError("", "must be a JSON object"));
        assertThat(invalid("[]")).hasMessage("1 field is not valid");
    }

    @Test
    void typesIsRequiredAndAnObjectAndOtherFieldsAreUnknown() {
        assertThat(invalid("{}").errors()).containsExactly(new FieldError("types", "is required"));
        assertThat(invalid("{\"types\":null}").errors()).containsExactly(new FieldError("types", "is required"));
        assertThat(invalid("{\"types\":[]}").errors()).containsExactly(new FieldError("types", "must be an object of event types"));
        PreferencesRequest.Invalid both = invalid("{\"type\":{}}");
        assertThat(both.errors()).containsExactly(
                new FieldError("type", "is not a known field (only 'types')"),
                new FieldError("types", "is required"));
        assertThat(both).hasMessage("2 fields are not valid");
    }

    @Test
    void atMostFiftyTypes() throws Exception {
        StringBuilder body = new StringBuilder("{\"types\":{");
        for (int i = 0; i <= PreferencesRequest.MAX_TYPES; i++) {
            body.append(i == 0 ? "" : ",").append("\"dispatch.test.t").append(i).append("\":{}");
        }
        assertThat(invalid(body + "}}").errors()).containsExactly(new FieldError("types", "may name at most 50 event types"));
        String fifty = body.substring(0, body.lastIndexOf(",")) + "}}";
        assertThat(PreferencesRequest.parse(MAPPER, fifty).switches()).hasSize(PreferencesRequest.MAX_TYPES);
    }

    @Test
    void typeNamesAreDottedLowerCaseSegmentsOfLimitedLength() {
        String rule = "is not an event type name (like dispatch.order.paid, at most 100 characters)";
        for (String bad : new String[] { "paid", "Dispatch.Order.Paid", "dispatch..paid", "dispatch.order.", ".dispatch.order",
                "dispatch.order paid", "dispatch.-paid" }) {
            assertThat(invalid("{\"types\":{\"" + bad + "\":{}}}").errors()).as(bad).containsExactly(new FieldError("types." + bad, rule));
        }
        String tooLong = "dispatch." + "a".repeat(PreferencesRequest.MAX_TYPE_LENGTH);
        assertThat(invalid("{\"types\":{\"" + tooLong + "\":{}}}").errors()).containsExactly(new FieldError("types." + tooLong, rule));
    }

    @Test
    void everyBadChannelIsReportedByItsPath() {
        PreferencesRequest.Invalid e = invalid("{\"types\":{"
                + "\"dispatch.order.paid\":{\"sse\":\"no\",\"email\":false,\"websocket\":true},"
                + "\"dispatch.order.placed\":false,"
                + "\"Bad\":{\"sse\":1}}}");
        assertThat(e.errors()).containsExactly(
                new FieldError("types.dispatch.order.paid.sse", "must be true or false"),
                new FieldError("types.dispatch.order.paid.email", "is not a channel (websocket, sse)"),
                new FieldError("types.dispatch.order.placed", "must be an object like {\"websocket\": true, \"sse\": false}"),
                new FieldError("types.Bad.sse", "must be true or false"),
                new FieldError("types.Bad", "is not an event type name (like dispatch.order.paid, at most 100 characters)"));
        assertThat(e).hasMessage("5 fields are not valid");
    }
}
