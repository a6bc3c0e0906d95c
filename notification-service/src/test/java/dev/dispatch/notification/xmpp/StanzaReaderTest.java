package dev.dispatch.notification.xmpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The component's stream reader on the bytes a server sends, in any chunking, and on what it must refuse. */
class StanzaReaderTest {

    private static final String STREAM = "<?xml version='1.0'?><stream:stream xmlns:stream='http://etherx.jabber.org/streams' "
            + "xmlns='jabber:component:accept' id='a1b2' from='devices.dispatch.local'>";

    private final List<Object> seen = new ArrayList<>();
    private final StanzaReader reader = new StanzaReader(256, new StanzaReader.Listener() {
        @Override
        public void opened(Map<String, String> header) {
            seen.add(header);
        }

        @Override
        public void stanza(Stanza stanza) {
            seen.add(stanza);
        }

        @Override
        public void closed() {
            seen.add("closed");
        }
    });

    @Test
    void readsTheHeaderAndEachStanzaWhateverTheChunks() {
        String xml = STREAM + "<handshake/> \n<presence type='probe' from='op@dispatch.local/x' to='c-1@devices.dispatch.local'/>"
                + "<presence to=\"c-1@devices.dispatch.local\" from='a&amp;b'><status>x > y é</status></presence>"
                + "<stream:error><conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error></stream:stream>";
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i += 3) { // chunks that split tags, quotes and UTF-8 characters
            reader.feed(java.util.Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + 3)));
        }
        assertThat(seen).hasSize(6);
        assertThat(seen.get(0)).isEqualTo(Map.of("xmlns:stream", "http://etherx.jabber.org/streams", "xmlns", "jabber:component:accept",
                "id", "a1b2", "from", "devices.dispatch.local"));
        assertThat(((Stanza) seen.get(1)).name()).isEqualTo("handshake");
        Stanza probe = (Stanza) seen.get(2);
        assertThat(probe.attribute("type")).isEqualTo("probe");
        assertThat(probe.attribute("from")).isEqualTo("op@dispatch.local/x");
        Stanza withStatus = (Stanza) seen.get(3);
        assertThat(withStatus.attribute("from")).isEqualTo("a&b");
        assertThat(withStatus.children()).containsExactly("status");
        assertThat(((Stanza) seen.get(4)).name()).isEqualTo("stream:error");
        assertThat(((Stanza) seen.get(4)).children()).containsExactly("conflict");
        assertThat(seen.get(5)).isEqualTo("closed");
    }

    @Test
    void refusesAnOversizedStanza() {
        reader.feed(STREAM.getBytes(StandardCharsets.UTF_8));
        byte[] big = ("<message><body>" + "x".repeat(300) + "</body></message>").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> reader.feed(big)).isInstanceOf(StanzaReader.Malformed.class).hasMessageContaining("256");
    }

    @Test
    void refusesWhatIsNotAComponentStream() {
        assertThatThrownBy(() -> reader.feed("<html>".getBytes(StandardCharsets.UTF_8))).isInstanceOf(StanzaReader.Malformed.class);
        StanzaReader other = new StanzaReader(256, newListener());
        other.feed(STREAM.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> other.feed("<!-- x -->".getBytes(StandardCharsets.UTF_8))).isInstanceOf(StanzaReader.Malformed.class);
        StanzaReader third = new StanzaReader(256, newListener());
        third.feed(STREAM.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> third.feed("hello".getBytes(StandardCharsets.UTF_8))).isInstanceOf(StanzaReader.Malformed.class);
        StanzaReader fourth = new StanzaReader(256, newListener());
        fourth.feed(STREAM.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> fourth.feed("<presence><a></b></presence>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(StanzaReader.Malformed.class);
    }

    @Test
    void theHandshakeIsTheHexSha1OfStreamIdAndSecret() {
        // SHA-1("abc"), the FIPS 180 test vector, in lower-case hex as XEP-0114 wants it.
        assertThat(DevicesComponent.handshake("ab", "c")).isEqualTo("a9993e364706816aba3e25717850c26c9cd0d89d");
    }

    private static StanzaReader.Listener newListener() {
        return new StanzaReader.Listener() {
            @Override
            public void opened(Map<String, String> header) {
            }

            @Override
            public void stanza(Stanza stanza) {
            }

            @Override
            public void closed() {
            }
        };
    }
}
