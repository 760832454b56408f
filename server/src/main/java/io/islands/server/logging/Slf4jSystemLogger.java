package io.islands.server.logging;

import io.islands.runtime.observe.CrashReport;
import io.islands.runtime.observe.LongSchedule;
import java.text.MessageFormat;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * One {@link System.Logger} over one SLF4J logger. Messages with parameters are formatted as
 * {@link MessageFormat} does ({@code {0}}); a {@link CrashReport} (which the runtime logs as a
 * message supplier) becomes one event whose message is the report's text and whose key-value
 * pairs are {@code process}, {@code name}, {@code reason} and {@code last_message}, with the
 * crash's error as the cause. Stateless apart from the wrapped logger. (Inside this class
 * {@code Level} is {@link System.Logger.Level}; SLF4J's is spelled out.)
 */
final class Slf4jSystemLogger implements System.Logger {
    /** The longest runtime message logged, in characters (a crash report with its last message fits). */
    private static final int MAX_MESSAGE = 2000;

    private final Logger log;

    Slf4jSystemLogger(Logger log) {
        this.log = log;
    }

    @Override
    public String getName() {
        return log.getName();
    }

    @Override
    public boolean isLoggable(System.Logger.Level level) {
        org.slf4j.event.Level l = toSlf4j(level);
        return l != null && log.isEnabledForLevel(l);
    }

    @Override
    public void log(System.Logger.Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        if (isLoggable(level)) {
            log.makeLoggingEventBuilder(toSlf4j(level)).setCause(thrown).log(localized(bundle, msg));
        }
    }

    @Override
    public void log(System.Logger.Level level, ResourceBundle bundle, String format, Object... params) {
        if (isLoggable(level)) {
            String text = localized(bundle, format);
            log.makeLoggingEventBuilder(toSlf4j(level))
                    .log(params == null || params.length == 0 ? text : MessageFormat.format(text, params));
        }
    }

    @Override
    public void log(System.Logger.Level level, Supplier<String> message, Throwable thrown) {
        if (!isLoggable(level)) {
            return;
        }
        LoggingEventBuilder event = log.makeLoggingEventBuilder(toSlf4j(level)).setCause(thrown);
        if (message instanceof CrashReport r) {
            event = event.addKeyValue("process", r.pid().toString())
                    .addKeyValue("name", r.name() == null ? "-" : LogText.clean(r.name(), 200))
                    .addKeyValue("reason", LogText.clean(r.reason().toString(), 500))
                    .addKeyValue("last_message", r.lastMessage() == null ? "-"
                            : LogText.safe(r.lastMessage(), 500));
        } else if (message instanceof LongSchedule l) {
            event = event.addKeyValue("process", l.pid().toString())
                    .addKeyValue("name", l.name() == null ? "-" : LogText.clean(l.name(), 200))
                    .addKeyValue("running_ms", l.runningFor().toMillis())
                    .addKeyValue("current_message", l.currentMessage() == null ? "-"
                            : LogText.safe(l.currentMessage(), 500));
        }
        // runtime messages quote process labels and messages, which may carry client text
        event.log(LogText.safe(message.get(), MAX_MESSAGE));
    }

    @Override
    public void log(System.Logger.Level level, Supplier<String> message) {
        log(level, message, null);
    }

    private static String localized(ResourceBundle bundle, String msg) {
        if (bundle == null || msg == null) {
            return msg;
        }
        try {
            return bundle.getString(msg);
        } catch (MissingResourceException e) {
            return msg;
        }
    }

    /** @return the SLF4J level, or null for OFF */
    private static org.slf4j.event.Level toSlf4j(System.Logger.Level level) {
        return switch (level) {
            case ALL, TRACE -> org.slf4j.event.Level.TRACE;
            case DEBUG -> org.slf4j.event.Level.DEBUG;
            case INFO -> org.slf4j.event.Level.INFO;
            case WARNING -> org.slf4j.event.Level.WARN;
            case ERROR -> org.slf4j.event.Level.ERROR;
            case OFF -> null;
        };
    }
}
