package dev.dispatch.notification.xmpp;

import java.util.List;
import java.util.Map;

/**
 * One top-level element the server sent on the component stream, as far as the component needs it: its name
 * ({@code presence}, {@code iq}, {@code handshake}, {@code stream:error}...), its attributes and its children's names.
 */
record Stanza(String name, Map<String, String> attributes, List<String> children) {

    String attribute(String name) {
        return attributes.get(name);
    }

    /** The text as an XML attribute value or element content: escaped. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
