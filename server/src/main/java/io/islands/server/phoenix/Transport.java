package io.islands.server.phoenix;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Jetty (core) session of one connection, written only by its socket process: one frame at a
 * time, each waited for (so frames go out in order, never concurrently, and a slow client
 * slows its own socket process rather than filling memory). {@link LocalSocket}'s subclass
 * replaces the wire with messages to a process in this JVM.
 */
class Transport {
    private static final Logger LOG = LoggerFactory.getLogger(Transport.class);
    static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);
    static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    private final CoreSession session;

    Transport(CoreSession session) {
        this.session = session;
    }

    /** For a subclass without a Jetty session ({@link LocalSocket}): it overrides every method. */
    Transport() {
        this.session = null;
    }

    /** @return false if the frame could not be written (closed, failed, or timed out) */
    boolean send(String text) {
        if (!session.isOutputOpen()) {
            return false;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        session.sendFrame(new Frame(OpCode.TEXT, text), Callback.from(() -> done.complete(null), done::completeExceptionally),
                false);
        return await(done, WRITE_TIMEOUT, "write");
    }

    /** Sends a close frame and waits a little for it to go out. */
    void close(int code, String reason) {
        if (session.isOutputOpen()) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            session.close(code, reason, Callback.from(() -> done.complete(null), done::completeExceptionally));
            await(done, CLOSE_WAIT, "close");
        }
    }

    /** Starts a close without waiting (for exit hooks, which must not block). */
    void closeSoon(int code, String reason) {
        if (session.isOutputOpen()) {
            session.close(code, reason, Callback.NOOP);
        }
    }

    String remote() {
        return String.valueOf(session.getRemoteAddress());
    }

    private boolean await(CompletableFuture<Void> done, Duration timeout, String what) {
        try {
            done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            LOG.debug("{} to {} failed: {}", what, remote(), e.getCause().toString());
        } catch (TimeoutException e) {
            LOG.info("{} to {} timed out after {}; dropping the connection", what, remote(), timeout);
            session.abort();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }
}
