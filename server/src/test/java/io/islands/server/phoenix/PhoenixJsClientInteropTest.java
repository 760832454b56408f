package io.islands.server.phoenix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The real phoenix JS client (npm phoenix 1.8.16 on ws 8.23.0, pinned in src/test/js) against
 * this server: join, push with replies, heartbeats, a broadcast, leave. Skipped when node or
 * npm is not installed; fails when they are and anything goes wrong (npm ci included).
 */
class PhoenixJsClientInteropTest {
    private static final Path WORK = Path.of("target/interop-js");

    @Test
    void phoenixJsClient_joinsPushesGetsABroadcastAndLeaves() throws Exception {
        assumeTrue(NodeJs.available(),
                "node and npm are not both on the PATH: skipping the phoenix JS client interop test");
        NodeJs.prepare(WORK, "interop.js");

        try (TestServer ts = new TestServer()) {
            NodeJs.Result node = NodeJs.run(WORK, 30, "node", "interop.js", "ws://127.0.0.1:" + ts.server.port() + "/socket");
            assertThat(node.exit()).as("node interop.js:%n%s", node.output()).isZero();
            assertThat(node.output()).contains(
                    "{\"step\":\"joined\",\"data\":{\"topic\":\"echo:js\",\"params\":{\"screen_name\":\"moon\"}}}",
                    "{\"step\":\"echo\",\"data\":{\"row\":1,\"col\":2}}",
                    "{\"step\":\"echo_string\",\"data\":\"diva\"}",
                    "{\"step\":\"heartbeat\",\"data\":{}}",
                    "{\"step\":\"broadcast\",\"data\":{\"message\":\"hello from js\"}}",
                    "{\"step\":\"left\",\"data\":{}}",
                    "{\"step\":\"done\",\"data\":{}}");
            assertThat(List.of(ts.nextEvent("echo:js"), ts.nextEvent("echo:js")))
                    .as("channel events; node said:%n%s", node.output())
                    .containsExactly("join echo:js", "terminate echo:js {shutdown, left}");
        }
    }
}
