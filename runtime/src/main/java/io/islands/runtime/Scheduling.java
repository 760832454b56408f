package io.islands.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * The runtime's scheduling, seen from outside: its settings and its counters. How it works, what
 * it guarantees and what it costs: docs/runtime.md ("Scheduling") and the design note of the
 * package-private {@code Scheduler}.
 *
 * <p>Settings read once at start from system properties: {@code islands.scheduler.starvationMicros}
 * (how long work submitted from outside the process world may wait before processes are made to
 * yield; default 1000), {@code islands.scheduler.probeMicros} (how often that is checked; default
 * 1000) and {@code islands.scheduler.longScheduleMillis} (default 100, also settable here).
 */
public final class Scheduling {
    private Scheduling() {}

    /**
     * Counters since the JVM started. Each is read on its own, so they may come from slightly
     * different moments.
     *
     * @param probes           fairness probes sent through the scheduler's shared queue
     * @param starvations      probes that waited past the starvation threshold (each made every
     *                         running process yield once)
     * @param yields           processes held at a safe point so that outside work could run
     * @param maxProbeLatency  the longest a probe waited to run
     * @param timersArmed      process timers in the timer wheel now
     * @param timersFired      timed waits that ended by their deadline
     * @param longSchedules    long-schedule episodes reported
     */
    public record Stats(long probes, long starvations, long yields, Duration maxProbeLatency,
            int timersArmed, long timersFired, long longSchedules) {}

    /** @return the counters now */
    public static Stats stats() {
        Scheduler s = Scheduler.INSTANCE;
        return new Stats(s.probes.get(), s.episodes.get(), s.yields.get(), Duration.ofNanos(s.maxProbeLatency),
                s.timersArmed(), s.timersFired.get(), s.longSchedules.get());
    }

    /** @return how long a process may run between two safe points before it is reported */
    public static Duration longScheduleThreshold() {
        return Scheduler.longScheduleThreshold();
    }

    /**
     * Sets how long a process may run between two safe points before it is reported as a long
     * schedule; takes effect at the monitor's next look (within 20 ms).
     *
     * @throws IllegalArgumentException if not positive
     */
    public static void longScheduleThreshold(Duration threshold) {
        Scheduler.longScheduleThreshold(Objects.requireNonNull(threshold, "threshold"));
    }

    /** @return whether {@code pid} is running past the long-schedule threshold now (for observers) */
    public static boolean isLongSchedule(Pid pid) {
        return pid.cell != null && Scheduler.INSTANCE.isLongSchedule(pid.cell);
    }
}
