package io.islands.server.logging;

import java.util.regex.Pattern;

/**
 * Text that came from a client, made safe for a log line or an observer page: control and
 * line-separating characters escaped ({@code \n}, {@code \}{@code u001b}...), so a client can
 * never start a forged line; cut to a length, with the full length said; secrets redacted.
 * Stateless; any thread.
 */
public final class LogText {
    /** How much client text one log line carries by default. */
    public static final int DEFAULT_MAX = 200;

    /** A JSON member whose value is a secret: its string value is redacted. */
    private static final Pattern SECRET = Pattern.compile(
            "(\"(?:token|invitation|secret|admin_token)\"\\s*:\\s*\")(?:[^\"\\\\]|\\\\.)*(\")");

    private LogText() {}

    /** @return {@code text} cut to {@link #DEFAULT_MAX} characters and escaped; {@code "null"} for null */
    public static String clean(String text) {
        return clean(text, DEFAULT_MAX);
    }

    /**
     * @param max the most characters of {@code text} kept (the escapes may make the result longer)
     * @return {@code text} cut to {@code max} characters, with {@code ...(N chars)} when cut, and
     *     every character below U+0020, U+007F..U+009F, U+2028/U+2029 and the bidi controls escaped
     */
    public static String clean(String text, int max) {
        if (text == null) {
            return "null";
        }
        int keep = Math.min(text.length(), max);
        StringBuilder b = new StringBuilder(keep + 16);
        for (int i = 0; i < keep; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029
                            || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        if (keep < text.length()) {
            b.append("...(").append(text.length()).append(" chars)");
        }
        return b.toString();
    }

    /** @return {@code text} with its secrets redacted, then escaped and cut to {@link #DEFAULT_MAX} (redacting first: a cut never leaves half a secret) */
    public static String safe(String text) {
        return clean(redact(text), DEFAULT_MAX);
    }

    /** @return {@code text} with its secrets redacted, then escaped and cut to {@code max} characters */
    public static String safe(String text, int max) {
        return clean(redact(text), max);
    }

    /** @return {@code json} with the string values of secret members ({@code token}, ...) replaced by {@code <redacted>} */
    public static String redact(String json) {
        return json == null ? null : SECRET.matcher(json).replaceAll("$1<redacted>$2");
    }
}
