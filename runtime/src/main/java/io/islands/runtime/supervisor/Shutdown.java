package io.islands.runtime.supervisor;

import java.time.Duration;
import java.util.Objects;

/**
 * How a supervisor stops a child (OTP's {@code shutdown}). The supervisor always monitors the
 * child, unlinks it, sends the signal, then waits for the monitor's {@code Down}.
 *
 * <table>
 *   <caption>Shutdown values</caption>
 *   <tr><th>value</th><th>signal sent</th><th>waits</th><th>then</th></tr>
 *   <tr><td>{@link #brutalKill()}</td><td>{@code kill} (untrappable; terminate is not run)</td><td>for the Down</td><td>-</td></tr>
 *   <tr><td>{@link #timeout(Duration)}</td><td>{@code shutdown}</td><td>up to the timeout</td><td>sends {@code kill}, waits for the Down</td></tr>
 *   <tr><td>{@link #infinity()}</td><td>{@code shutdown}</td><td>for ever</td><td>-</td></tr>
 * </table>
 * Defaults: {@code timeout(5 s)} for a worker, {@code infinity()} for a supervisor (so that it has
 * all the time it needs to stop its own children). Infinity on a worker needs care: a worker that
 * traps exits and never returns blocks its supervisor's shutdown for ever.
 */
public sealed interface Shutdown {
    /** Sends {@code kill} at once. */
    record BrutalKill() implements Shutdown {
        @Override public String toString() { return "brutal_kill"; }
    }

    /** Sends {@code shutdown}, kills after {@code timeout} (zero or more). */
    record Timeout(Duration timeout) implements Shutdown {
        public Timeout {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("shutdown timeout must not be negative: " + timeout);
            }
        }

        @Override public String toString() { return timeout.toMillis() + " ms"; }
    }

    /** Sends {@code shutdown} and waits for ever. */
    record Infinity() implements Shutdown {
        @Override public String toString() { return "infinity"; }
    }

    /** The worker default: 5 seconds. */
    Shutdown WORKER_DEFAULT = new Timeout(Duration.ofSeconds(5));

    static Shutdown brutalKill() {
        return new BrutalKill();
    }

    /** @throws IllegalArgumentException for a negative timeout */
    static Shutdown timeout(Duration timeout) {
        return new Timeout(timeout);
    }

    static Shutdown infinity() {
        return new Infinity();
    }
}
