package io.islands.server.phoenix;

import static io.islands.server.phoenix.WsClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad frames are dropped or refused; the socket and its channels stay usable. */
class BadInputTest {
    @RegisterExtension
    static final TestServer ts = new TestServer();

    @ParameterizedTest
    @ValueSource(strings = {
        "{not json",
        "[\"1\",\"2\"",
        "",
        "\"just a string\"",
        "{\"topic\":\"phoenix\",\"event\":\"heartbeat\"}",
        "[null,\"1\",\"phoenix\",\"heartbeat\"]",
        "[null,\"1\",\"phoenix\",\"heartbeat\",{},\"extra\"]",
        "[null,\"1\",\"phoenix\",7,{}]",
        "[null,\"1\",\"\",\"heartbeat\",{}]",
        "[5,\"1\",\"phoenix\",\"heartbeat\",{}]",
        "[null,{\"r\":1},\"phoenix\",\"heartbeat\",{}]",
        "[null,\"1\",\"phoenix\",\"heartbeat\",{}] []",
    })
    void invalidJsonOrWrongShape_isDropped_andTheSocketStaysUsable(String frame) throws Exception {
        try (WsClient c = ts.connect()) {
            c.join("echo:bad", Map.of());
            c.next();
            c.sendRaw(frame);
            assertThat(c.heartbeat()).isEqualTo(json("[null,'2','phoenix','phx_reply',{'status':'ok','response':{}}]"));
            c.send("1", "echo:bad", "echo", Map.of("still", "here"));
            assertThat(c.next().get(4)).isEqualTo(json("{'status':'ok','response':{'still':'here'}}"));
        }
    }

    @Test
    void aFrameOverTheFrameLimitClosesWith1009_asJettyReadsPastIt_evenWhenMultibyte() throws Exception {
        String[] tooLarge = {
            "[\"1\",\"2\",\"echo:big\",\"echo\",{\"blob\":\"" + "x".repeat(70_000) + "\"}]",
            "[\"1\",\"2\",\"echo:big\",\"echo\",{\"blob\":\"" + "é".repeat(40_000) + "\"}]", // 80,000 bytes
            "{\"blob\":\"" + "x".repeat(70_000) + "\"}",
        };
        for (String frame : tooLarge) {
            try (WsClient c = ts.connect()) {
                c.sendRawMayBeCut(frame);
                assertThat(c.awaitClose().code()).isEqualTo(1009);
            }
        }
        try (WsClient c = ts.connect()) {
            c.join("echo:big", Map.of());
            c.next();
            c.send("1", "echo:big", "echo", Map.of("blob", "é".repeat(30_000))); // 60,000 bytes: fits
            assertThat(c.next().get(4).get("status").asText()).isEqualTo("ok");
        }
    }

    /** The socket route reads Jetty's WebSocket core (issue 18): fragments, pings and binary messages are its own to handle. */
    @Test
    void aMessageInSeveralFrames_isPutTogether_aPingIsAnswered_andABinaryMessageInFramesIsDropped() throws Exception {
        try (WsClient c = ts.connect()) {
            c.sendInFrames("[null,\"1\",\"phoe", "nix\",\"heart", "beat\",{}]");
            assertThat(c.next()).isEqualTo(json("[null,'1','phoenix','phx_reply',{'status':'ok','response':{}}]"));
            assertThat(c.ping("are you there")).isEqualTo("are you there");
            c.sendBinaryInFrames(new byte[] {1, 2}, new byte[] {3});
            assertThat(c.heartbeat().get(4).get("status").asText()).isEqualTo("ok");
        }
    }

    @Test
    void binaryFrame_isDropped() throws Exception {
        try (WsClient c = ts.connect()) {
            c.sendBinary(new byte[] {1, 2, 3});
            assertThat(c.heartbeat()).isEqualTo(json("[null,'1','phoenix','phx_reply',{'status':'ok','response':{}}]"));
        }
    }

    @Test
    void frameOverTheTransportLimit_closesWith1009() throws Exception {
        int before = ts.server.openSockets();
        try (WsClient c = ts.connect()) {
            c.sendRawMayBeCut("[null,\"1\",\"echo:huge\",\"echo\",\"" + "x".repeat(1_100_000) + "\"]");
            // the rest of the frame is still unread when Jetty closes: 1009, or the drop (-1);
            // either way the server has closed the socket: the client did not
            c.awaitErrorClose(1009, null);
            await().until(() -> ts.server.openSockets() <= before); // others' may still be closing
        }
    }
}
