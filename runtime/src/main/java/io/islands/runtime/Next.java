package io.islands.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * What a GenServer does after a callback returns, besides waiting for the next message:
 * OTP's {@code timeout | hibernate | {continue, C}} return elements.
 */
public sealed interface Next {
    /** Wait for the next message for ever. */
    record None() implements Next {}

    /**
     * If no message arrives within {@code after}, {@link GenServer#handleInfo} receives
     * {@link IdleTimeout#INSTANCE}. Any message cancels it.
     */
    record Timeout(Duration after) implements Next {
        public Timeout {
            Objects.requireNonNull(after);
            if (after.isNegative()) {
                throw new IllegalArgumentException("negative timeout " + after);
            }
        }
    }

    /** Run {@link GenServer#handleContinue} with {@code value} before reading any message. */
    record Continue(Object value) implements Next {
        public Continue {
            Objects.requireNonNull(value);
        }
    }

    /**
     * The process will be idle a long time: OTP's {@code hibernate}. It drops its call stack
     * (here: it goes on waiting on a fresh virtual thread, so the JVM's copy of its parked
     * stack is sized for that wait, not for the deepest call it ever parked in), then waits for
     * the next message for ever. Costs a thread start; for idle processes, not for every message.
     */
    record Hibernate() implements Next {}

    Next NONE = new None();
    Next HIBERNATE = new Hibernate();

    static Next none() { return NONE; }
    static Next timeout(Duration after) { return new Timeout(after); }
    static Next continueWith(Object value) { return new Continue(value); }
    static Next hibernate() { return HIBERNATE; }
}
