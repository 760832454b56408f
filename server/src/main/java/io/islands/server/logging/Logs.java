package io.islands.server.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.util.List;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * Start-up logging settings: the root level and the console format, applied to Logback over
 * what logback.xml set (which stays the base: the same pattern, Jetty and Javalin at WARN).
 */
public final class Logs {
    /** The levels {@code --log-level} accepts. */
    public static final List<String> LEVELS = List.of("trace", "debug", "info", "warn", "error", "off");
    /** The text pattern; logback.xml's. */
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n";
    private static final String APPENDER = "STDOUT";

    private Logs() {}

    /** @return {@code value} as a level name of {@link #LEVELS} @throws IllegalArgumentException if it is none */
    public static String checkLevel(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        if (!LEVELS.contains(v)) {
            throw new IllegalArgumentException("needs one of " + String.join(", ", LEVELS) + ", not " + value);
        }
        return v;
    }

    /**
     * Sets the root logger's level and replaces the console appender by one writing
     * {@code format}. Call once at start-up, before the server logs; not atomic with respect to
     * events logged meanwhile by other threads (they go to the old or the new appender).
     */
    public static void apply(String level, LogFormat format) {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ch.qos.logback.classic.Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(checkLevel(level)));
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(ctx);
        console.setName(APPENDER);
        console.setEncoder(encoder(ctx, format));
        console.start();
        var old = root.getAppender(APPENDER);
        root.addAppender(console);
        if (old != null && old != console) {
            root.detachAppender(old);
            old.stop();
        }
    }

    private static Encoder<ILoggingEvent> encoder(LoggerContext ctx, LogFormat format) {
        if (format == LogFormat.JSON) {
            JsonEncoder json = new JsonEncoder();
            json.setContext(ctx);
            json.setWithFormattedMessage(true);
            json.setWithMessage(false);
            json.setWithArguments(false);
            json.setWithContext(false);
            json.setWithSequenceNumber(false);
            json.start();
            return json;
        }
        PatternLayoutEncoder text = new PatternLayoutEncoder();
        text.setContext(ctx);
        text.setPattern(PATTERN);
        text.start();
        return text;
    }
}
