package io.islands.server.phoenix;

import static io.islands.server.phoenix.WsClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link PhoenixServer#warmUp}: connections to the server itself, each as a player's socket,
 * that leave nothing behind; a refused join counts (its channel ran), a server that does not
 * answer ends it.
 */
class WarmUpTest {

    @Test
    void eachConnectionJoinsAndLeavesTheTopic_andNoSocketStaysOpen() throws Exception {
        try (TestServer ts = new TestServer()) {
            assertThat(ts.server.warmUp("echo:warm", Map.of(), 3)).isEqualTo(3);
            for (int i = 0; i < 3; i++) {
                assertThat(ts.nextEvent("echo:warm")).startsWith("join ");
                assertThat(ts.nextEvent("echo:warm")).startsWith("terminate ");
            }
            await().until(() -> ts.server.openSockets() == 0);
        }
    }

    @Test
    void aRefusedJoinRanItsChannelAllTheSame_andCounts() throws Exception {
        try (TestServer ts = new TestServer()) {
            assertThat(ts.server.warmUp("echo:no", Map.of("reject", "unauthorized"), 2)).isEqualTo(2);
            await().until(() -> ts.server.openSockets() == 0);
            assertThat(ts.events).noneMatch(e -> e.startsWith("join echo:no"));
        }
    }

    @Test
    void aServerThatDoesNotAnswerEndsTheWarmUp_withoutAnError() throws Exception {
        TestServer stopped = new TestServer();
        stopped.close();
        assertThat(stopped.server.warmUp("echo:gone", Map.of(), 3)).isZero();
    }

    @Test
    void afterAWarmUpTheServerServesAsBefore() throws Exception {
        try (TestServer ts = new TestServer()) {
            assertThat(ts.server.warmUp("echo:before", Map.of(), 1)).isEqualTo(1);
            try (WsClient c = ts.connect()) {
                c.join("echo:after", Map.of());
                assertThat(c.next()).isEqualTo(json(
                        "['1','1','echo:after','phx_reply',{'status':'ok','response':{'topic':'echo:after','params':{}}}]"));
            }
        }
    }

    @Test
    void aServerListeningOnEveryInterfaceIsWarmedOnLoopback() throws Exception {
        try (TestServer ts = new TestServer(b -> b.host("0.0.0.0"))) {
            assertThat(ts.server.warmUp("echo:any", Map.of(), 1)).isEqualTo(1);
        }
    }
}
