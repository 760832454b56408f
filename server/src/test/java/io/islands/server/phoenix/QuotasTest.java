package io.islands.server.phoenix;

import static io.islands.server.phoenix.WsClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The quota and backpressure attacks of issue 14 against a real server with small limits: each
 * limit refuses or closes with a code that says why, is counted, and affects nobody else.
 */
class QuotasTest {
    /** @return false once the connection refuses more (closed by the server) */
    private static boolean trySend(WsClient c, String text) {
        try {
            c.sendRaw(text);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void aSocketCannotJoinMoreChannelsThanItsCap() throws Exception {
        try (TestServer ts = new TestServer(b -> b.maxChannelsPerSocket(3)); WsClient c = ts.connect()) {
            for (int i = 0; i < 3; i++) {
                assertThat(c.replyTo(c.join("echo:" + i, Map.of())).get("status").asText()).isEqualTo("ok");
            }
            assertThat(c.replyTo(c.join("echo:3", Map.of())))
                    .isEqualTo(json("{'status':'error','response':{'reason':'too_many_channels'}}"));
            assertThat(c.replyTo(c.join("echo:1", Map.of())).get("status").asText())
                    .as("rejoining a joined topic replaces it").isEqualTo("ok");
            assertThat(ts.server.limitHits("channels_per_socket")).isEqualTo(1);
            try (WsClient other = ts.connect()) {
                assertThat(other.replyTo(other.join("echo:3", Map.of())).get("status").asText()).isEqualTo("ok");
            }
        }
    }

    @Test
    void aSocketSendingTooManyFramesIsClosed1008() throws Exception {
        try (TestServer ts = new TestServer(b -> b.framesPerSecond(5)); WsClient c = ts.connect();
                WsClient calm = ts.connect()) {
            for (int i = 0; i < 200 && !c.isClosed(); i++) {
                if (!trySend(c, "[null,\"" + i + "\",\"phoenix\",\"heartbeat\",{}]")) {
                    break;
                }
            }
            c.awaitErrorClose(1008, "too many frames");
            assertThat(ts.server.limitHits("frame_rate")).isEqualTo(1);
            assertThat(calm.heartbeat().at("/4/status").asText()).isEqualTo("ok");
        }
    }

    @Test
    void oneAddressCannotOpenMoreSocketsThanItsCap() throws Exception {
        try (TestServer ts = new TestServer(b -> b.maxSocketsPerAddress(2))) {
            WsClient a = ts.connect();
            try (WsClient b = ts.connect(); WsClient c = ts.connect()) {
                WsClient.Close close = c.awaitClose();
                assertThat(close.code()).isEqualTo(1013);
                assertThat(close.reason()).isEqualTo("too many connections from your address");
                assertThat(b.heartbeat().at("/4/status").asText()).isEqualTo("ok");
                assertThat(ts.server.limitHits("sockets_per_address")).isEqualTo(1);
                a.close();
                await().untilAsserted(() -> assertThat(ts.server.openSockets()).isEqualTo(1));
                try (WsClient d = ts.connect()) {
                    assertThat(d.heartbeat().at("/4/status").asText()).isEqualTo("ok");
                }
            }
        }
    }

    @Test
    void pushesPilingUpAtABusyChannelCountInTheSocketsMailbox_andCloseIt1008() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        ChannelHandler busy = new ChannelHandler() {
            @Override
            public JoinResult join(String topic, com.fasterxml.jackson.databind.JsonNode params, ChannelContext ctx) {
                return JoinResult.ok();
            }

            @Override
            public PushResult handleIn(String event, com.fasterxml.jackson.databind.JsonNode payload, ChannelContext ctx)
                    throws Exception {
                release.await(); // a channel stuck in a slow call
                return PushResult.ok();
            }
        };
        try (TestServer ts = new TestServer(b -> b.mailbox(10, 1 << 20).channel("busy:*", () -> busy));
                WsClient c = ts.connect(); WsClient other = ts.connect()) {
            String joinRef = c.join("busy:x", Map.of());
            c.replyTo(joinRef);
            for (int i = 0; i < 100 && !c.isClosed(); i++) {
                if (!trySend(c, "[\"" + joinRef + "\",\"" + i + "\",\"busy:x\",\"work\",{}]")) {
                    break;
                }
            }
            c.awaitErrorClose(1008, "too many frames waiting");
            assertThat(ts.server.limitHits("mailbox")).isEqualTo(1);
            assertThat(other.heartbeat().at("/4/status").asText()).isEqualTo("ok");
            release.countDown(); // before the server stops: its channel ends at once
        } finally {
            release.countDown();
        }
    }

    @Test
    void aClientThatStopsReadingWhileSendingIsClosed_andNobodyElseIsAffected() throws Exception {
        try (TestServer ts = new TestServer(b -> b.framesPerSecond(1_000_000).mailbox(1_000, 1 << 20));
                WsClient hog = ts.connect(); WsClient other = ts.connect()) {
            hog.replyTo(hog.join("echo:hog", Map.of()));
            hog.pauseReading();
            String blob = "x".repeat(60_000);
            for (int i = 0; i < 2_000 && ts.server.limitHits("mailbox") == 0 && !hog.isClosed(); i++) {
                if (!trySend(hog, "[\"1\",\"" + i + "\",\"echo:hog\",\"echo\",{\"b\":\"" + blob + "\"}]")) {
                    break;
                }
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> ts.server.limitHits("mailbox") == 1);
            assertThat(other.heartbeat().at("/4/status").asText()).isEqualTo("ok");
            hog.resumeReading();
            await().atMost(Duration.ofSeconds(20)).until(hog::isClosed);
            // the close frame (1013 or 1008) is queued behind the frames the client does not read:
            // it may see the close, or only the connection dropped (-1)
            assertThat(hog.awaitClose().code()).isIn(1008, 1013, 1006, -1);
            await().untilAsserted(() -> assertThat(ts.server.openSockets()).isEqualTo(1));
        }
    }
}
