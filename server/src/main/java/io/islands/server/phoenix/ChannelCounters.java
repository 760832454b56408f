package io.islands.server.phoenix;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of one server's socket and channel trouble since it started, for metrics. Written by
 * socket processes, read by anyone; each count is a {@link LongAdder} (no lock, no ordering
 * between counts).
 */
final class ChannelCounters {
    static final String CHANNELS_PER_SOCKET = "channels_per_socket";
    static final String FRAME_RATE = "frame_rate";
    static final String SOCKETS_PER_ADDRESS = "sockets_per_address";
    static final String MAILBOX = "mailbox";
    static final String ORIGIN = "origin";
    /** Every limit this layer counts, as the {@code limit} label of {@code islands_limits_hit_total}. */
    static final List<String> LIMITS = List.of(CHANNELS_PER_SOCKET, FRAME_RATE, SOCKETS_PER_ADDRESS, MAILBOX, ORIGIN);

    private final LongAdder channelErrors = new LongAdder();
    private final LongAdder framesRefused = new LongAdder();
    private final Map<String, LongAdder> limitsHit = Map.of(
            CHANNELS_PER_SOCKET, new LongAdder(), FRAME_RATE, new LongAdder(), SOCKETS_PER_ADDRESS, new LongAdder(),
            MAILBOX, new LongAdder(), ORIGIN, new LongAdder());

    /** A joined channel exited abnormally: its socket sent phx_error. */
    void channelError() {
        channelErrors.increment();
    }

    /** An inbound frame was dropped (unreadable) or refused (over the size limit). */
    void frameRefused() {
        framesRefused.increment();
    }

    /** A limit of {@link #LIMITS} refused something. */
    void limitHit(String limit) {
        limitsHit.get(limit).increment();
    }

    long channelErrors() {
        return channelErrors.sum();
    }

    long framesRefused() {
        return framesRefused.sum();
    }

    long limitHits(String limit) {
        LongAdder a = limitsHit.get(limit);
        return a == null ? 0 : a.sum();
    }
}
