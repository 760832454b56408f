package io.islands.server.phoenix;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * Decodes inbound text frames: the V2 array {@code [join_ref, ref, topic, event, payload]} with
 * refs that are strings or null, and a non-empty topic and event. Never throws: a bad frame is
 * {@link Invalid}, an oversized one {@link TooLarge} (with the header when its first four
 * elements can be read without reading the payload).
 */
final class FrameDecoder {
    sealed interface Decoded {}

    record Ok(Frame frame) implements Decoded {}

    /** @param header the frame's refs, topic and event (payload null), or null when unreadable */
    record TooLarge(Frame header) implements Decoded {}

    record Invalid(String why) implements Decoded {}

    private FrameDecoder() {}

    static Decoded decode(String text, int maxBytes) {
        if (utf8Length(text, maxBytes) > maxBytes) {
            return new TooLarge(peekHeader(text));
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(text);
        } catch (IOException e) {
            return new Invalid("not JSON: " + e.getClass().getSimpleName());
        }
        if (node == null || !node.isArray() || node.size() != 5) {
            return new Invalid("not an array of 5 elements [join_ref, ref, topic, event, payload]");
        }
        JsonNode joinRef = node.get(0);
        JsonNode ref = node.get(1);
        JsonNode topic = node.get(2);
        JsonNode event = node.get(3);
        if (!isRef(joinRef) || !isRef(ref)) {
            return new Invalid("join_ref and ref must be strings or null");
        }
        if (!isName(topic) || !isName(event)) {
            return new Invalid("topic and event must be non-empty strings");
        }
        return new Ok(new Frame(joinRef.textValue(), ref.textValue(), topic.textValue(), event.textValue(), node.get(4)));
    }

    private static boolean isRef(JsonNode n) {
        return n.isNull() || n.isTextual();
    }

    private static boolean isName(JsonNode n) {
        return n.isTextual() && !n.textValue().isEmpty();
    }

    /** Reads the first four elements with a streaming parser, leaving the payload unread. */
    static Frame peekHeader(String text) {
        try (JsonParser p = Json.MAPPER.getFactory().createParser(text)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                return null;
            }
            String[] head = new String[4];
            for (int i = 0; i < 4; i++) {
                JsonToken t = p.nextToken();
                boolean nullable = i < 2;
                if (t == JsonToken.VALUE_STRING) {
                    head[i] = p.getText();
                } else if (!(t == JsonToken.VALUE_NULL && nullable)) {
                    return null;
                }
            }
            if (head[2].isEmpty() || head[3].isEmpty()) {
                return null;
            }
            return new Frame(head[0], head[1], head[2], head[3], null);
        } catch (IOException e) {
            return null;
        }
    }

    /** @return the UTF-8 length of {@code s}, or a number over {@code limit} once it is past it */
    static long utf8Length(String s, int limit) {
        if ((long) s.length() * 3 <= limit) {
            return s.length(); // cannot be over: at most 3 bytes per UTF-16 unit
        }
        long n = 0;
        for (int i = 0; i < s.length() && n <= limit; i++) {
            char c = s.charAt(i);
            n += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return n;
    }
}
