package dev.dispatch.notification.xmpp;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Cuts the server's XML stream into stanzas without a streaming parser: a small scanner over the bytes (tags, quotes,
 * depth; every markup character is ASCII, so UTF-8 needs no decoding here) collects each top-level element, at most
 * {@code maxStanza} bytes, and StAX parses that one element. Comments, CDATA and DTDs (which servers do not send) and
 * anything else unexpected fail with {@link Malformed}: the component then drops the connection and reconnects.
 */
final class StanzaReader {

    /** What the stream said, on the caller's thread, in order. */
    interface Listener {

        void opened(Map<String, String> header);

        void stanza(Stanza stanza);

        void closed();
    }

    static final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message);
        }
    }

    private static final Pattern ATTRIBUTE = Pattern.compile("([\\w:.-]+)\\s*=\\s*(?:'([^']*)'|\"([^\"]*)\")");
    private static final XMLInputFactory STAX = XMLInputFactory.newFactory();

    static {
        STAX.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        STAX.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        STAX.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    }

    private final int maxStanza;
    private final Listener listener;
    private final ByteArrayOutputStream tag = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stanza = new ByteArrayOutputStream();
    /** 0 before the stream header, 1 inside the stream (between stanzas), 2 and more inside a stanza. */
    private int depth;
    private boolean inTag;
    private int quote;
    private int previous;

    StanzaReader(int maxStanza, Listener listener) {
        this.maxStanza = maxStanza;
        this.listener = listener;
    }

    void feed(byte[] bytes) {
        for (byte b : bytes) {
            feed(b & 0xff);
        }
    }

    private void feed(int b) {
        if (!inTag) {
            if (b == '<') {
                inTag = true;
                quote = 0;
                tag.reset();
                if (depth == 1) {
                    stanza.reset();
                }
            } else if (depth < 2 && !Character.isWhitespace(b)) {
                throw new Malformed("text outside a stanza");
            }
        }
        if (inTag) {
            write(tag, b);
        }
        if (depth >= 2 || depth == 1 && inTag) {
            write(stanza, b);
        }
        if (inTag) {
            if (quote != 0) {
                quote = b == quote ? 0 : quote;
            } else if (b == '\'' || b == '"') {
                quote = b;
            } else if (b == '>') {
                inTag = false;
                tagEnded(previous == '/');
            }
        }
        previous = b;
    }

    private void tagEnded(boolean selfClosing) {
        byte[] bytes = tag.toByteArray();
        int kind = bytes.length > 1 ? bytes[1] : 0;
        if (kind == '?') {
            if (depth != 0) {
                throw new Malformed("a processing instruction inside the stream");
            }
        } else if (kind == '!') {
            throw new Malformed("comments, CDATA and DTDs are not allowed");
        } else if (kind == '/') {
            depth--;
            if (depth == 0) {
                listener.closed();
            } else if (depth == 1) {
                listener.stanza(parse(stanza.toByteArray()));
            } else if (depth < 0) {
                throw new Malformed("an end tag without a start");
            }
        } else if (depth == 0) {
            String header = new String(bytes, StandardCharsets.UTF_8);
            if (!header.startsWith("<stream:stream") || selfClosing) {
                throw new Malformed("the stream does not open with <stream:stream>");
            }
            depth = 1;
            listener.opened(attributes(header));
        } else if (selfClosing) {
            if (depth == 1) {
                listener.stanza(parse(stanza.toByteArray()));
            }
        } else {
            depth++;
        }
    }

    private void write(ByteArrayOutputStream buffer, int b) {
        if (buffer.size() >= maxStanza) {
            throw new Malformed("a stanza over " + maxStanza + " bytes");
        }
        buffer.write(b);
    }

    private static Map<String, String> attributes(String tag) {
        Map<String, String> attributes = new LinkedHashMap<>();
        Matcher m = ATTRIBUTE.matcher(tag);
        while (m.find()) {
            attributes.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3));
        }
        return attributes;
    }

    // The stanza inherits the stream's namespaces: declare them around it, so it parses on its own.
    private static Stanza parse(byte[] bytes) {
        String xml = "<s xmlns='jabber:component:accept' xmlns:stream='http://etherx.jabber.org/streams'>"
                + new String(bytes, StandardCharsets.UTF_8) + "</s>";
        try {
            XMLStreamReader reader = STAX.createXMLStreamReader(new StringReader(xml));
            try {
                String name = null;
                Map<String, String> attributes = new LinkedHashMap<>();
                List<String> children = new ArrayList<>();
                int level = 0;
                while (reader.hasNext()) {
                    int event = reader.next();
                    if (event == XMLStreamConstants.START_ELEMENT) {
                        level++;
                        String qualified = reader.getPrefix() == null || reader.getPrefix().isEmpty()
                                ? reader.getLocalName() : reader.getPrefix() + ":" + reader.getLocalName();
                        if (level == 2) {
                            name = qualified;
                            for (int i = 0; i < reader.getAttributeCount(); i++) {
                                attributes.put(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
                            }
                        } else if (level == 3) {
                            children.add(qualified);
                        }
                    } else if (event == XMLStreamConstants.END_ELEMENT) {
                        level--;
                    }
                }
                return new Stanza(name, Map.copyOf(attributes), List.copyOf(children));
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            throw new Malformed("a stanza that is not XML: " + e.getMessage());
        }
    }
}
