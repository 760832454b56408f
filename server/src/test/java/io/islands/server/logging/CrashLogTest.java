package io.islands.server.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.islands.runtime.ExitReason;
import io.islands.runtime.GenServer;
import io.islands.runtime.InitResult;
import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import io.islands.runtime.Result;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

/** A crash reaches Logback through the server's System.Logger bridge as one event with fields. */
class CrashLogTest {
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private final Logger crashLogger = (Logger) LoggerFactory.getLogger("io.islands.runtime.crash");

    @BeforeEach
    void attach() {
        events.start();
        crashLogger.addAppender(events);
    }

    @AfterEach
    void detach() {
        crashLogger.detachAppender(events);
    }

    private List<ILoggingEvent> eventsOf(Pid pid) {
        return events.list.stream().filter(e -> fields(e).getOrDefault("process", "").equals(pid.toString())).toList();
    }

    private static Map<String, String> fields(ILoggingEvent e) {
        List<KeyValuePair> kvs = e.getKeyValuePairs();
        return kvs == null ? Map.of() : kvs.stream().collect(Collectors.toMap(kv -> kv.key, kv -> String.valueOf(kv.value)));
    }

    @Test
    void aCrashIsExactlyOneErrorEventWithProcessNameAndReasonFields() {
        Pid pid = GenServer.start(new GenServer<String>() {
            @Override
            public InitResult<String> init() {
                Proc.label("doomed");
                return InitResult.ok("s");
            }

            @Override
            public Result<String> handleInfo(Object message, String state) {
                throw new IllegalStateException("boom");
            }
        }).pid();
        Proc.send(pid, "poke");
        await().until(() -> !Proc.isAlive(pid) && !eventsOf(pid).isEmpty());

        assertThat(eventsOf(pid)).hasSize(1);
        ILoggingEvent e = eventsOf(pid).get(0);
        assertThat(e.getLevel()).isEqualTo(ch.qos.logback.classic.Level.ERROR);
        assertThat(fields(e)).containsEntry("name", "doomed")
                .containsEntry("reason", "{crash, java.lang.IllegalStateException: boom}")
                .containsEntry("last_message", "poke");
        assertThat(e.getThrowableProxy().getClassName()).isEqualTo(IllegalStateException.class.getName());
        assertThat(e.getFormattedMessage()).startsWith("crash report: process=" + pid + " name=doomed");
    }

    @Test
    void aKilledProcessWritesNoCrashReport() {
        Pid pid = Proc.spawn(() -> Proc.receive());
        Proc.exit(pid, ExitReason.kill());
        await().until(() -> !Proc.isAlive(pid));
        assertThat(events.list).noneMatch(e -> e.getFormattedMessage().contains("process=" + pid + " "));
    }
}
