package io.islands.server.logging;

import java.util.Locale;

/** How log events are written to standard output. */
public enum LogFormat {
    /** One line per event: time, level, thread, logger, message (and the stack trace). */
    TEXT,
    /** One JSON object per line (Logback's JsonEncoder), with key-value pairs as {@code kvpList}. */
    JSON;

    /** @return the format named {@code text} or {@code json} (any case) @throws IllegalArgumentException otherwise */
    public static LogFormat parse(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "text" -> TEXT;
            case "json" -> JSON;
            default -> throw new IllegalArgumentException("needs text or json, not " + value);
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
