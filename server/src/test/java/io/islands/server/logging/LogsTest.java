package io.islands.server.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

/** --log-level and --log-format change the root logger and its console encoder. */
class LogsTest {
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @AfterEach
    void restore() {
        Logs.apply("info", LogFormat.TEXT);
    }

    private ConsoleAppender<ILoggingEvent> console() {
        return (ConsoleAppender<ILoggingEvent>) root.getAppender("STDOUT");
    }

    @Test
    void jsonFormatWritesOneObjectPerEventWithTheKeyValuePairs() {
        Logs.apply("DEBUG", LogFormat.JSON);
        assertThat(root.getLevel()).isEqualTo(Level.DEBUG);
        assertThat(console().getEncoder()).isInstanceOf(JsonEncoder.class);

        LoggingEvent e = new LoggingEvent("x", root, Level.ERROR, "crash report: process=<0.1>", null, null);
        e.setKeyValuePairs(List.of(new KeyValuePair("process", "<0.1>")));
        String line = new String(console().getEncoder().encode(e), StandardCharsets.UTF_8);
        assertThat(line).startsWith("{").endsWith("}\n").doesNotContain("\n{")
                .contains("\"level\":\"ERROR\"", "\"process\":\"<0.1>\"", "\"formattedMessage\":\"crash report: process=<0.1>\"");

        Logs.apply("warn", LogFormat.TEXT);
        assertThat(root.getLevel()).isEqualTo(Level.WARN);
        assertThat(console().getEncoder()).isInstanceOf(PatternLayoutEncoder.class);
        assertThat(root.iteratorForAppenders()).toIterable().hasSize(1);
    }

    @Test
    void badLevelsAndFormatsAreRefused() {
        assertThatThrownBy(() -> Logs.checkLevel("loud")).hasMessageContaining("trace, debug, info, warn, error, off");
        assertThatThrownBy(() -> LogFormat.parse("xml")).hasMessageContaining("text or json");
    }
}
