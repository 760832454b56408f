package io.islands.server.phoenix;

import io.islands.runtime.GenServer;
import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A Phoenix socket opened inside the JVM ({@link PhoenixServer#connectLocal}): a client of the
 * channel API that takes the path a WebSocket connection takes, with only the wire replaced. Its
 * text frames go through the same {@link Mailboxes} bound to the same kind of socket process,
 * which decodes them ({@link FrameDecoder}), answers heartbeats, starts channel processes and
 * routes pushes; the frames the server writes to it (replies, broadcasts, {@code phx_close}) reach
 * its owner process as {@link Received} messages, and the server's close as one {@link Closed}.
 * A computer player uses it, so its moves are checked, limited and broadcast as a person's are.
 *
 * <p>Design note: {@link #send} may be called from any thread (it is {@link Mailboxes#inbound});
 * closing is idempotent from either side: the first close, the owner's or the server's, tells
 * the other and frees the mailbox count; later ones do nothing.
 */
public final class LocalSocket {
    /** A frame the server wrote to {@code socket}, as its text. */
    public record Received(LocalSocket socket, String text) {}

    /** The server closed {@code socket} (a WebSocket close code and reason). */
    public record Closed(LocalSocket socket, int code, String reason) {}

    private final Endpoint endpoint;
    private final Pid owner;
    private final String label;
    private final AtomicBoolean open = new AtomicBoolean(true);
    private final Mailboxes.Load load;
    private volatile Pid pid;

    private LocalSocket(Endpoint endpoint, Pid owner, String label) {
        this.endpoint = endpoint;
        this.owner = owner;
        this.label = label;
        this.load = new Mailboxes.Load(new Wire());
    }

    /**
     * Starts the socket process; the caller's {@code assigns} come from the server's connector.
     *
     * @throws IllegalStateException when it did not start (the {@code sockets} supervisor is
     *     being restarted, or the server is stopping)
     */
    static LocalSocket open(Endpoint endpoint, Pid owner, String label, java.util.Map<String, Object> assigns) {
        LocalSocket socket = new LocalSocket(endpoint, owner, label);
        // a temporary child of the endpoint's sockets supervisor, as a WebSocket's socket process
        io.islands.runtime.StartResult started = Endpoint.startTemporary(endpoint.sockets(), "socket " + label,
                SocketProcess.SHUTDOWN, () -> GenServer.startLink(new SocketProcess(socket.load.transport(), assigns,
                        endpoint, socket.load), GenServer.StartOptions.DEFAULT.withLabel("socket " + label)));
        if (!(started instanceof io.islands.runtime.StartResult.Ok(Pid pid))) {
            throw new IllegalStateException("the local socket " + label + " did not start: " + started);
        }
        socket.pid = pid;
        endpoint.mailboxes().register(pid, socket.load); // before any frame can be sent to it
        return socket;
    }

    /**
     * Hands one text frame ({@code [join_ref, ref, topic, event, payload]}) to the socket process,
     * as a WebSocket's reading thread would. Does nothing once closed.
     */
    public void send(String frame) {
        if (open.get()) {
            endpoint.mailboxes().inbound(pid, load, frame);
        }
    }

    /** Closes the socket from the client's side (its channels stop, as when a browser goes). Idempotent. */
    public void close() {
        if (open.compareAndSet(true, false)) {
            endpoint.mailboxes().close(pid);
            Proc.send(pid, new SocketProcess.TransportClosed(1000, "closed by the client"));
        }
    }

    /** @return whether neither side has closed the socket */
    public boolean isOpen() {
        return open.get();
    }

    /** @return the socket's process */
    public Pid pid() {
        return pid;
    }

    /** The socket process's side: each frame written becomes a message to the owner. */
    private final class Wire extends Transport {
        @Override
        boolean send(String text) {
            if (!open.get()) {
                return false;
            }
            Proc.send(owner, new Received(LocalSocket.this, text));
            return true;
        }

        @Override
        void close(int code, String reason) {
            closeSoon(code, reason);
        }

        @Override
        void closeSoon(int code, String reason) {
            if (open.compareAndSet(true, false)) {
                endpoint.mailboxes().close(pid);
                Proc.send(owner, new Closed(LocalSocket.this, code, reason));
                Proc.send(pid, new SocketProcess.TransportClosed(code, reason));
            }
        }

        @Override
        String remote() {
            return "local:" + label;
        }
    }
}
