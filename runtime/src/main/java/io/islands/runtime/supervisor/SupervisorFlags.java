package io.islands.runtime.supervisor;

import java.time.Duration;

/**
 * A {@link Supervisor}'s strategy and restart intensity: more than {@code intensity} restarts
 * within {@code period} make the supervisor stop all its children and exit with {@code shutdown}
 * (OTP's {@code add_restart}; Elixir's defaults 3 in 5 s). Immutable.
 *
 * <p>The constructor throws IllegalArgumentException naming the field for a null strategy or
 * period, a negative intensity or a period that is not positive.
 *
 * @param strategy see {@link Strategy}
 * @param intensity restarts allowed within a period, zero or more (0: the first restart is
 *     already too many)
 * @param period the sliding window, positive; any precision (OTP counts whole seconds)
 */
public record SupervisorFlags(Strategy strategy, int intensity, Duration period) {
    public static final int DEFAULT_INTENSITY = 3;
    public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(5);

    public SupervisorFlags {
        if (strategy == null) {
            throw new IllegalArgumentException("supervisor flags: strategy must not be null");
        }
        RestartWindow.validate("supervisor flags", "intensity", intensity, "period", period);
    }

    /** @return {@code strategy} with 3 restarts in 5 s */
    public static SupervisorFlags of(Strategy strategy) {
        return new SupervisorFlags(strategy, DEFAULT_INTENSITY, DEFAULT_PERIOD);
    }

    /** @return one_for_one with 3 restarts in 5 s */
    public static SupervisorFlags oneForOne() {
        return of(Strategy.ONE_FOR_ONE);
    }

    public SupervisorFlags withIntensity(int intensity, Duration period) {
        return new SupervisorFlags(strategy, intensity, period);
    }
}
