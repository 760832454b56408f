package io.islands.server.phoenix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * The log and secret attacks of issue 14: a bad frame cannot forge a log line or fill the log,
 * repeated warnings are rate-limited, and the messages that carry seat tokens never show one in
 * {@code toString} (what crash reports and the observer print).
 */
class LogsAndSecretsTest {
    @RegisterExtension
    static final TestServer ts = new TestServer(b -> b.framesPerSecond(100_000));

    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private final Logger socketLog = (Logger) LoggerFactory.getLogger(SocketProcess.class);

    @BeforeEach
    void attach() {
        events.start();
        socketLog.addAppender(events);
    }

    @AfterEach
    void detach() {
        socketLog.detachAppender(events);
    }

    private List<String> warnings() {
        return events.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void aFrameWithANewlineCannotForgeALogLine_andALongFrameIsShortened() throws Exception {
        try (WsClient c = ts.connect()) {
            c.sendRaw("oops\n12:00:00.000 ERROR [main] io.islands - forged");
            c.sendRaw("[5,\"1\",\"" + "t".repeat(60_000) + "\",\"phx_join\",{}]");
            c.heartbeat();
        }
        await().until(() -> warnings().size() >= 2);
        for (String line : warnings()) {
            assertThat(line).doesNotContain("\n", "\r").hasSizeLessThan(1_000);
        }
        assertThat(warnings().get(0)).contains("oops\\n12:00:00.000 ERROR");
    }

    @Test
    void repeatedWarningsAreRateLimited() throws Exception {
        try (WsClient c = ts.connect()) {
            for (int i = 0; i < 200; i++) {
                c.sendRaw("not json " + i);
            }
            c.heartbeat();
        }
        assertThat(warnings().size()).isBetween(1, PhoenixServer.WARNINGS_PER_INTERVAL);
    }

    @Test
    void messagesCarryingTokensRedactThemInToString() throws Exception {
        String secret = "S3cr3tT0kenS3cr3tT0kenS3cr3tT0";
        String join = "[\"1\",\"1\",\"game:moon\",\"phx_join\",{\"screen_name\":\"moon\",\"token\":\"" + secret + "\"}]";
        JsonNode params = WsClient.json("{'screen_name':'moon','token':'" + secret + "'}");
        List<Object> messages = List.of(
                new SocketProcess.Inbound(join),
                new SocketProcess.Outbound("[\"1\",\"1\",\"game:moon\",\"phx_reply\",{\"status\":\"ok\",\"response\":{\"token\":\""
                        + secret + "\",\"view\":{}}}]"),
                new ChannelProcess.Join(params),
                new ChannelProcess.In("x", WsClient.json("{'invitation':'" + secret + "'}"), "2"));
        for (Object m : messages) {
            assertThat(m.toString()).doesNotContain(secret).contains("<redacted>");
        }
        for (int pad = 150; pad < 200; pad++) { // a secret across the cut at 200 characters is never half shown
            String padded = "[\"1\",\"1\",\"game:" + "m".repeat(pad) + "\",\"phx_join\",{\"token\":\"" + secret + "\"}]";
            assertThat(new SocketProcess.Inbound(padded).toString()).doesNotContain(secret.substring(0, 8));
        }
    }
}
