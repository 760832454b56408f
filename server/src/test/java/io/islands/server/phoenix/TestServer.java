package io.islands.server.phoenix;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real server on 127.0.0.1 and a free port with the test channels "echo:*" and "room:*".
 * Shared by a test class as {@code @RegisterExtension static final TestServer ts = new TestServer();}
 * (stopped after the class), or used alone in try-with-resources.
 */
final class TestServer implements AutoCloseable, AfterAllCallback {
    /** Lifecycle events of {@link EchoChannel}s, in order. */
    final LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
    final PhoenixServer server;

    TestServer() {
        this(b -> b);
    }

    TestServer(UnaryOperator<PhoenixServer.Builder> settings) {
        server = settings.apply(PhoenixServer.builder()
                        .port(0)
                        .staticFiles("/test-public")
                        .channel("echo:*", () -> new EchoChannel(events::add))
                        .channel("room:*", RoomChannel::new))
                .start();
    }

    WsClient connect() throws Exception {
        return WsClient.connect(server.port());
    }

    /**
     * @return the next lifecycle event of {@code topic} ("join topic", "terminate topic reason"),
     *     skipping other topics' (late terminates of earlier tests); fails after 5 s
     */
    String nextEvent(String topic) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (;;) {
            String e = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (e == null) {
                throw new AssertionError("no channel event for " + topic + " within 5 s");
            }
            if (e.split(" ")[1].equals(topic)) {
                return e;
            }
        }
    }

    @Override
    public void close() {
        server.stop();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }
}
