package io.islands.server.phoenix;

import static io.islands.server.phoenix.WsClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link PhoenixServer#warmUp}: connections to the server itself, each as a player's socket, that leave nothing behind. */
class WarmUpTest {

    @Test
    void eachConnectionJoinsAndLeavesTheTopic_andNoSocketStaysOpen() throws Exception {
        try (TestServer ts = new TestServer()) {
            assertThat(ts.server.warmUp("echo:warm", 3)).isEqualTo(3);
            for (int i = 0; i < 3; i++) {
                assertThat(ts.nextEvent("echo:warm")).startsWith("join ");
                assertThat(ts.nextEvent("echo:warm")).startsWith("terminate ");
            }
            await().until(() -> ts.server.openSockets() == 0);
        }
    }

    @Test
    void aRefusedJoinEndsTheWarmUp_andTheServerServesAllTheSame() throws Exception {
        try (TestServer ts = new TestServer()) {
            assertThat(ts.server.warmUp("nowhere:x", 3)).isZero(); // unmatched topic: the first join is refused
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
            assertThat(ts.server.warmUp("echo:any", 1)).isEqualTo(1);
        }
    }
}
