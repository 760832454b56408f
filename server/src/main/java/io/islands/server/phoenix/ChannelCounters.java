package io.islands.server.phoenix;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of one server's socket and channel trouble since it started, for metrics. Written by
 * socket processes, read by anyone; each count is a {@link LongAdder} (no lock, no ordering
 * between counts).
 */
final class ChannelCounters {
    private final LongAdder channelErrors = new LongAdder();
    private final LongAdder framesRefused = new LongAdder();

    /** A joined channel exited abnormally: its socket sent phx_error. */
    void channelError() {
        channelErrors.increment();
    }

    /** An inbound frame was dropped (unreadable) or refused (over the size limit). */
    void frameRefused() {
        framesRefused.increment();
    }

    long channelErrors() {
        return channelErrors.sum();
    }

    long framesRefused() {
        return framesRefused.sum();
    }
}
