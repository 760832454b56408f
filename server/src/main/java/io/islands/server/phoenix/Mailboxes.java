package io.islands.server.phoenix;

import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bound on each socket process's mailbox, in frames and in characters, counted outside the
 * runtime: every {@link SocketProcess.Inbound} and {@link SocketProcess.Outbound} is admitted
 * here before it is sent and released when the socket process has handled it; so is every push
 * the socket hands on to one of its channels ({@link ChannelProcess.In}), until that channel has
 * handled it (one count per socket covers the socket's channels too). A frame over the
 * bound is not sent; the connection is closed at once, {@code 1008} when the client sends
 * faster than its socket handles ("too many frames waiting"), {@code 1013} when it reads slower
 * than it is written to ("client reads too slowly"). Only that socket is affected: its process
 * sees the close and stops.
 *
 * <p>Design note: one {@link Load} per socket in a concurrent map keyed by the socket's pid;
 * admission is two atomic adds, undone when over the bound; the first refusal closes the
 * transport from the refusing thread (Jetty's close may be called from any thread).
 */
final class Mailboxes {
    static final int INBOUND_CLOSE = 1008;
    static final int OUTBOUND_CLOSE = 1013;

    /** One socket's count; shared by the threads that send to it. */
    static final class Load {
        private final Transport transport;
        private final AtomicInteger messages = new AtomicInteger();
        private final AtomicLong chars = new AtomicLong();
        private final AtomicBoolean tripped = new AtomicBoolean();

        Load(Transport transport) {
            this.transport = transport;
        }

        Transport transport() {
            return transport;
        }
    }

    private final int maxMessages;
    private final long maxChars;
    private final ChannelCounters counters;
    private final ConcurrentHashMap<Pid, Load> loads = new ConcurrentHashMap<>();

    Mailboxes(int maxMessages, long maxChars, ChannelCounters counters) {
        this.maxMessages = maxMessages;
        this.maxChars = maxChars;
        this.counters = counters;
    }

    void register(Pid socket, Load load) {
        loads.put(socket, load);
    }

    void close(Pid socket) {
        loads.remove(socket);
    }

    /** Sends a frame read from the client to its socket process, if its mailbox has room. */
    void inbound(Pid socket, Load load, String text) {
        if (admit(load, text.length(), INBOUND_CLOSE, "too many frames waiting")) {
            Proc.send(socket, new SocketProcess.Inbound(text));
        }
    }

    /** @return whether a push of {@code size} characters may go to one of the socket's channels (else the socket is closed) */
    boolean admitPush(Load load, int size) {
        return load == null || admit(load, size, INBOUND_CLOSE, "too many frames waiting");
    }

    /** Sends a frame to write to {@code socket}'s process, if its mailbox has room. Any thread. */
    void outbound(Pid socket, SocketProcess.Outbound frame) {
        Load load = loads.get(socket);
        if (load == null || admit(load, frame.text().length(), OUTBOUND_CLOSE, "client reads too slowly")) {
            Proc.send(socket, frame);
        }
    }

    /** The socket process has taken {@code text} out of its mailbox. */
    static void handled(Load load, String text) {
        handled(load, text.length());
    }

    /** A message of {@code size} characters counted in {@code load} was handled. */
    static void handled(Load load, int size) {
        if (load != null) {
            load.messages.decrementAndGet();
            load.chars.addAndGet(-size);
        }
    }

    private boolean admit(Load load, int size, int code, String why) {
        int n = load.messages.incrementAndGet();
        long c = load.chars.addAndGet(size);
        if (n <= maxMessages && c <= maxChars) {
            return true;
        }
        load.messages.decrementAndGet();
        load.chars.addAndGet(-size);
        if (load.tripped.compareAndSet(false, true)) {
            counters.limitHit(ChannelCounters.MAILBOX);
            load.transport.closeSoon(code, why);
        }
        return false;
    }
}
