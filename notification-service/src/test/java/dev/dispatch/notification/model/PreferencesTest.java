package dev.dispatch.notification.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Everything is on unless switched off, per type and channel; the effective view lists known and switched types. */
class PreferencesTest {

    @Test
    void everythingIsOnUntilSwitchedOff() {
        assertThat(Preferences.ALL_ON.allows("dispatch.order.paid", Channel.WEBSOCKET)).isTrue();
        assertThat(Preferences.ALL_ON.allows("dispatch.some.new-type", Channel.SSE)).isTrue();

        Preferences p = new Preferences(Map.of("dispatch.order.paid", Map.of(Channel.SSE, false)));
        assertThat(p.allows("dispatch.order.paid", Channel.SSE)).isFalse();
        assertThat(p.allows("dispatch.order.paid", Channel.WEBSOCKET)).as("the channel left out is on").isTrue();
        assertThat(p.allows("dispatch.order.placed", Channel.SSE)).isTrue();
    }

    @Test
    void aSwitchSetToTrueIsOn() {
        Preferences p = new Preferences(Map.of("dispatch.order.paid", Map.of(Channel.SSE, true, Channel.WEBSOCKET, false)));
        assertThat(p.allows("dispatch.order.paid", Channel.SSE)).isTrue();
        assertThat(p.allows("dispatch.order.paid", Channel.WEBSOCKET)).isFalse();
    }

    @Test
    void theEffectiveViewListsKnownTypesFirstThenSwitchedOnesSortedWithBothChannels() {
        Preferences p = new Preferences(Map.of(
                "dispatch.zeta.thing", Map.of(Channel.WEBSOCKET, false),
                "dispatch.delivery.progress", Map.of(Channel.SSE, false),
                "dispatch.order.paid", Map.of(Channel.SSE, false)));
        Map<String, Map<Channel, Boolean>> effective = p.effective();

        assertThat(effective.keySet()).startsWith(Preferences.KNOWN_TYPES.toArray(String[]::new))
                .endsWith("dispatch.delivery.progress", "dispatch.zeta.thing")
                .hasSize(Preferences.KNOWN_TYPES.size() + 2);
        assertThat(effective.get("dispatch.order.paid")).containsExactly(Map.entry(Channel.WEBSOCKET, true), Map.entry(Channel.SSE, false), Map.entry(Channel.XMPP, false));
        assertThat(effective.get("dispatch.zeta.thing")).containsExactly(Map.entry(Channel.WEBSOCKET, false), Map.entry(Channel.SSE, true), Map.entry(Channel.XMPP, false));
        assertThat(effective.get("dispatch.order.placed")).containsExactly(Map.entry(Channel.WEBSOCKET, true), Map.entry(Channel.SSE, true), Map.entry(Channel.XMPP, false));
    }

    @Test
    void theXmppChannelIsOffUnlessSwitchedOn() {
        Preferences p = new Preferences(Map.of("dispatch.order.paid", Map.of(Channel.XMPP, true)));
        assertThat(p.allows("dispatch.order.paid", Channel.XMPP)).isTrue();
        assertThat(p.allows("dispatch.order.placed", Channel.XMPP)).isFalse();
        assertThat(Preferences.ALL_ON.allows("dispatch.order.paid", Channel.XMPP)).isFalse();
        assertThat(Preferences.ALL_ON.allows("dispatch.order.paid", Channel.SSE)).isTrue();
    }

    @Test
    void anOperatorsEffectiveViewAlsoListsTheAlertTypesAfterTheKnownOnes() {
        Preferences p = new Preferences(Map.of(
                "dispatch.sensor.alert.shock", Map.of(Channel.WEBSOCKET, false),
                "dispatch.zeta.thing", Map.of(Channel.SSE, false)));
        Map<String, Map<Channel, Boolean>> operator = p.effective(true);
        List<String> expected = new ArrayList<>(Preferences.KNOWN_TYPES);
        expected.addAll(Preferences.ALERT_TYPES);
        expected.add("dispatch.zeta.thing");
        assertThat(operator.keySet()).containsExactlyElementsOf(expected);
        assertThat(operator.get("dispatch.sensor.alert.shock")).containsExactly(Map.entry(Channel.WEBSOCKET, false), Map.entry(Channel.SSE, true), Map.entry(Channel.XMPP, false));
        assertThat(operator.get("dispatch.sensor.alert.temperature")).containsExactly(Map.entry(Channel.WEBSOCKET, true), Map.entry(Channel.SSE, true), Map.entry(Channel.XMPP, false));
        assertThat(Preferences.ALERT_TYPES).contains("dispatch.sensor.alert.temperature", "dispatch.sensor.alert.shock",
                "dispatch.sensor.alert.battery").doesNotHaveDuplicates().doesNotContainAnyElementsOf(Preferences.KNOWN_TYPES);

        Map<String, Map<Channel, Boolean>> customer = p.effective(false);
        assertThat(customer.keySet()).as("a customer gets no alerts: only a switch they set shows them")
                .doesNotContain("dispatch.sensor.alert.temperature", "dispatch.device.alert.offline")
                .contains("dispatch.sensor.alert.shock");
        assertThat(customer).isEqualTo(p.effective());
        assertThat(p.allows("dispatch.sensor.alert.shock", Channel.WEBSOCKET)).isFalse();
        assertThat(p.allows("dispatch.sensor.alert.battery", Channel.WEBSOCKET)).isTrue();
    }

    @Test
    void channelsAreFoundByTheirJsonKeyOnly() {
        assertThat(Channel.byKey("websocket")).contains(Channel.WEBSOCKET);
        assertThat(Channel.byKey("sse")).contains(Channel.SSE);
        assertThat(Channel.byKey("SSE")).isEmpty();
        assertThat(Channel.byKey("email")).isEmpty();
        assertThat(Channel.byKey(null)).isEmpty();
    }
}
