package io.islands.runtime.observe;

import io.islands.runtime.Pid;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A long schedule (BEAM's {@code system_monitor(long_schedule)}): a process kept a carrier
 * thread longer than the threshold without reaching a safe point (receive, send, call, wait), so
 * the runtime could not make it yield. Reported once per episode: written to the
 * {@link System.Logger} {@code io.islands.runtime.schedule} at WARNING (as this record, a
 * {@code Supplier<String>}), and handed to {@link RuntimeEvents} listeners.
 *
 * @param pid            the process
 * @param name           its label or registered name; null if it has none
 * @param currentMessage the message it is handling, abbreviated to 500 characters; null if none
 * @param runningFor     how long it had run since its last safe point when it was seen
 */
public record LongSchedule(Pid pid, String name, String currentMessage, Duration runningFor)
        implements Supplier<String> {

    /** @return {@code long schedule: process=<pid> name=<name or -> running_ms=<ms> current_message=<message or ->} */
    @Override
    public String get() {
        return "long schedule: process=" + pid
                + " name=" + (name == null ? "-" : name)
                + " running_ms=" + runningFor.toMillis()
                + " current_message=" + (currentMessage == null ? "-" : currentMessage);
    }

    @Override
    public String toString() {
        return get();
    }
}
