package dev.dispatch.notification.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dispatch.notification.model.Channel;
import dev.dispatch.notification.model.Preferences;

/** Preferences as stored and as announced to the other replicas: written and read back unchanged. */
class PreferencesJsonTest {

    static final ObjectMapper MAPPER = new ObjectMapper();
    final PreferencesJson json = new PreferencesJson(MAPPER);

    @Test
    void whatIsWrittenIsReadBack() {
        Map<String, Map<Channel, Boolean>> switches = new LinkedHashMap<>();
        switches.put("dispatch.order.paid", new EnumMap<>(Map.of(Channel.SSE, false)));
        switches.put("dispatch.delivery.progress", new EnumMap<>(Map.of(Channel.WEBSOCKET, false, Channel.SSE, true)));
        String written = json.write(switches);
        assertThat(written).isEqualTo("{\"types\":{\"dispatch.order.paid\":{\"sse\":false},"
                + "\"dispatch.delivery.progress\":{\"websocket\":false,\"sse\":true}}}");
        assertThat(json.read(written).switches()).isEqualTo(switches);
    }

    @Test
    void unknownChannelsAreIgnoredAndNothingStoredIsAllOn() {
        Preferences read = json.read("{\"types\":{\"dispatch.order.paid\":{\"email\":false,\"sse\":false}}}");
        assertThat(read.switches()).isEqualTo(Map.of("dispatch.order.paid", Map.of(Channel.SSE, false)));
        assertThat(json.read("{}").switches()).isEmpty();
    }

    @Test
    void storedTextThatIsNotJsonIsABug() {
        assertThatThrownBy(() -> json.read("{types")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aChangeAnnouncementNamesTheUserByLengthSoAnyUserIdWorks() {
        PreferenceRepository repository = new PreferenceRepository(null, json);
        PreferenceRepository.Change change = repository.change("7:a:b{c}d{\"types\":{\"dispatch.order.paid\":{\"sse\":false}}}");
        assertThat(change.userId()).isEqualTo("a:b{c}d");
        assertThat(change.preferences().allows("dispatch.order.paid", Channel.SSE)).isFalse();
    }

    @Test
    void aMalformedChangeAnnouncementFails() {
        PreferenceRepository repository = new PreferenceRepository(null, json);
        for (String payload : new String[] { "", "alice{}", "x:alice{}", "99:alice{}", "5:alice{not json" }) {
            assertThatThrownBy(() -> repository.change(payload)).as(payload).isInstanceOf(RuntimeException.class);
        }
    }
}
