package io.islands.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.islands.runtime.internal.ProcessHooks;
import io.islands.runtime.observe.LongSchedule;
import io.islands.runtime.observe.RuntimeEvents;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The long-schedule monitor: a process that runs long without a safe point is reported once per episode. */
class LongScheduleTest {
    private final List<LongSchedule> seen = new CopyOnWriteArrayList<>();
    private final RuntimeEvents.Listener listener = new RuntimeEvents.Listener() {
        @Override
        public void onLongSchedule(LongSchedule event) {
            seen.add(event);
        }
    };

    @BeforeEach
    void listen() {
        RuntimeEvents.subscribe(listener);
    }

    @AfterEach
    void stop() {
        RuntimeEvents.unsubscribe(listener);
    }

    /** Spins on the CPU for {@code millis} without touching the runtime; returns a value so the JIT keeps the loop. */
    static long spin(long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        long x = 0;
        while (System.nanoTime() < end) {
            x += x * 31 + 7;
        }
        return x;
    }

    private List<LongSchedule> about(Pid pid) {
        return seen.stream().filter(e -> e.pid().equals(pid)).toList();
    }

    @Test
    void aProcessSpinning300msWithoutASafePointIsReportedExactlyOnce() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        CountDownLatch spinning = new CountDownLatch(1);
        Pid spinner = Proc.spawn(() -> {
            Proc.label("spinner");
            Proc.receive(); // a safe point, then the long stretch
            spinning.countDown();
            spin(300);
            done.countDown();
            Proc.receive();
        });
        Proc.send(spinner, "go");
        assertThat(spinning.await(5, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> !about(spinner).isEmpty());
        assertThat(Scheduling.isLongSchedule(spinner) || done.getCount() == 0)
                .as("the observer sees it while it spins").isTrue();
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> ProcessHooks.isWaiting(spinner));
        long looks = Scheduler.INSTANCE.monitorLooks.get();
        await().atMost(Duration.ofSeconds(5)).until(() -> Scheduler.INSTANCE.monitorLooks.get() >= looks + 3);
        assertThat(about(spinner)).as("three looks after the episode ended").hasSize(1);
        LongSchedule event = about(spinner).get(0);
        assertThat(event.name()).isEqualTo("spinner");
        assertThat(event.currentMessage()).isNull();
        assertThat(event.runningFor()).isGreaterThanOrEqualTo(Scheduling.longScheduleThreshold());
        assertThat(Scheduling.isLongSchedule(spinner)).isFalse();
        Proc.exit(spinner, ExitReason.KILL);
    }

    @Test
    void twoEpisodesAreTwoReports() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        Pid spinner = Proc.spawn(() -> {
            spin(250);
            Proc.receive(Duration.ofMillis(1)); // a safe point ends the first episode
            spin(250);
            done.countDown();
            Proc.receive();
        });
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> about(spinner).size() >= 2);
        assertThat(about(spinner)).hasSize(2);
        Proc.exit(spinner, ExitReason.KILL);
    }

    @Test
    void aProcessThatPassesSafePointsOftenIsNotReported() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        Pid busy = Proc.spawn(() -> {
            for (int i = 0; i < 60; i++) {
                spin(5);
                Proc.send(Proc.self(), i); // send and receive are safe points
                Proc.receive();
            }
            done.countDown();
        });
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(about(busy)).isEmpty();
    }

    @Test
    void aProcessBlockedOutsideTheRuntimeHoldsNoCarrierAndIsNotReported() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        Pid sleeper = Proc.spawn(() -> {
            Thread.sleep(300); // unmounts the virtual thread: not a long schedule
            done.countDown();
        });
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(about(sleeper)).isEmpty();
    }
}
