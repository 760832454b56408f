package io.islands.runtime.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** OTP's add_restart on a hand-moved clock: which restarts the sliding window still holds. */
class RestartWindowTest {
    final AtomicLong nanos = new AtomicLong(1_000);
    final RestartWindow window = new RestartWindow(2, Duration.ofNanos(100), nanos::get);

    @Test
    void moreThanLimitRestartsWithinThePeriodAreTooMany() {
        assertThat(window.add()).isTrue();
        nanos.addAndGet(50);
        assertThat(window.add()).isTrue();
        nanos.addAndGet(50); // the first is exactly one period old: still in the window
        assertThat(window.add()).isFalse();
        assertThat(window.size()).isEqualTo(3);
    }

    @Test
    void aRestartOlderThanThePeriodLeavesTheWindow() {
        window.add();
        nanos.addAndGet(50);
        window.add();
        nanos.addAndGet(51); // the first is now older than the period
        assertThat(window.add()).isTrue();
        assertThat(window.size()).isEqualTo(2);
        nanos.addAndGet(1_000); // both earlier ones leave
        assertThat(window.add()).isTrue();
        assertThat(window.size()).isEqualTo(1);
    }

    @Test
    void limitZero_theFirstRestartIsTooMany() {
        RestartWindow none = new RestartWindow(0, Duration.ofSeconds(5), nanos::get);
        assertThat(none.add()).isFalse();
    }

    @Test
    void unlimitedKeepsNoStampsAndNeverReadsTheClock() {
        RestartWindow unlimited = new RestartWindow(Integer.MAX_VALUE, Duration.ofSeconds(5), () -> {
            throw new AssertionError("clock read");
        });
        for (int i = 0; i < 10; i++) {
            assertThat(unlimited.add()).isTrue();
        }
        assertThat(unlimited.size()).isZero();
    }

    @Test
    void theClockMayStartNegative_onlyDifferencesCount() {
        nanos.set(Long.MAX_VALUE - 60); // System.nanoTime() may be anywhere, even about to wrap
        window.add();
        nanos.addAndGet(50);
        window.add();
        nanos.addAndGet(51); // wraps past Long.MAX_VALUE
        assertThat(window.add()).isTrue();
        assertThat(window.size()).isEqualTo(2);
    }
}
