package io.islands.runtime.observe;

import io.islands.runtime.ExitReason;
import io.islands.runtime.internal.EventDispatch;

/**
 * Runtime events for metrics: crashes and supervisor restarts, told to subscribed listeners as
 * they happen.
 *
 * <p>Listeners run on the thread of the event (the dying process, the supervisor, the
 * scheduler) and must be quick and must not block; an exception a listener throws is swallowed
 * so that it cannot hurt the runtime. An event with nobody subscribed costs one volatile read
 * (the design note is on the runtime's internal dispatcher).
 */
public final class RuntimeEvents {
    /** What a subscriber hears. Every method has a no-op default. */
    public interface Listener {
        /**
         * A process crashed: it ended abnormally by its own code (the same event as a crash
         * report in the log). Called on the dying process's thread after its exit hooks, before
         * its links and monitors are told.
         */
        default void onCrash(CrashReport report) {}

        /**
         * A supervisor restarts a child after the child's exit with {@code reason}: called once
         * per restart attempt, before the start (which may fail and be retried; a retry is not
         * told again), on the supervisor's thread.
         *
         * @param supervisor the supervisor's name: its label, or its pid as text
         * @param childId    the child's id in its spec
         */
        default void onRestart(String supervisor, Object childId, ExitReason reason) {}

        /**
         * A process has kept a carrier thread past the long-schedule threshold without reaching
         * a safe point: told once per episode, on the runtime's scheduler thread (which must
         * not be held up: be quick).
         */
        default void onLongSchedule(LongSchedule event) {}
    }

    private RuntimeEvents() {}

    /** Adds {@code listener}; it hears every event from now on. Adding it twice makes it hear twice. */
    public static void subscribe(Listener listener) {
        EventDispatch.subscribe(listener);
    }

    /** Removes one subscription of {@code listener}. @return whether it was subscribed */
    public static boolean unsubscribe(Listener listener) {
        return EventDispatch.unsubscribe(listener);
    }
}
