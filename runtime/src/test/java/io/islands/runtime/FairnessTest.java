package io.islands.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 13's regression test: work from outside the process world (a start, a call and a spawn
 * from a platform thread) and a receive timeout inside a process complete while processes
 * exchange messages in closed loops. Before the scheduler's fairness these never completed with
 * 4 x cores busy pairs or more: the pairs kept the carriers' local queues full, and the JDK's
 * scheduler polls work submitted from outside only when a carrier's local queue is empty.
 *
 * <p>Each wait is bounded by a generous {@link #BOUND}; the figures for how long they really
 * take are in the fairness benchmark ({@code ./islands bench fairness}), not here.
 */
class FairnessTest {
    static final Duration BOUND = Duration.ofSeconds(5);
    static final int CORES = Runtime.getRuntime().availableProcessors();

    private final List<Pid> busy = new ArrayList<>();

    static Stream<Arguments> pairs() {
        return Stream.of(Arguments.of(1), Arguments.of(4 * CORES), Arguments.of(16 * CORES));
    }

    @AfterEach
    void stopPairs() {
        busy.forEach(p -> Proc.exit(p, ExitReason.KILL));
        await().atMost(BOUND).until(() -> busy.stream().noneMatch(Proc::isAlive));
    }

    /** Starts {@code n} pairs of processes that ping-pong for ever, and waits until each has turned. */
    private void startPairs(int n) throws InterruptedException {
        CountDownLatch turned = new CountDownLatch(n);
        for (int i = 0; i < n; i++) {
            Pid ponger = Proc.spawn(() -> {
                for (;;) {
                    Pid from = (Pid) Proc.receive();
                    Proc.send(from, Proc.self());
                }
            });
            Pid pinger = Proc.spawn(() -> {
                Proc.send(ponger, Proc.self());
                Proc.receive();
                turned.countDown();
                for (;;) {
                    Proc.send(ponger, Proc.self());
                    Proc.receive();
                }
            });
            busy.add(ponger);
            busy.add(pinger);
        }
        assertThat(turned.await(BOUND.toMillis(), TimeUnit.MILLISECONDS)).as("every pair has turned").isTrue();
    }

    static final class Echo implements GenServer<Integer> {
        @Override
        public InitResult<Integer> init() {
            return InitResult.ok(0);
        }

        @Override
        public Result<Integer> handleCall(Object request, From from, Integer n) {
            return Result.reply(request, n + 1);
        }
    }

    @ParameterizedTest(name = "{0} busy pairs")
    @MethodSource("pairs")
    void aStartFromAPlatformThreadCompletes(int pairs) throws InterruptedException {
        startPairs(pairs);
        StartResult started = GenServer.start(new Echo(), GenServer.StartOptions.DEFAULT.withStartTimeout(BOUND));
        assertThat(started).isInstanceOf(StartResult.Ok.class);
        busy.add(((StartResult.Ok) started).pid());
    }

    @ParameterizedTest(name = "{0} busy pairs")
    @MethodSource("pairs")
    void aCallFromAPlatformThreadIsAnswered(int pairs) throws InterruptedException {
        StartResult started = GenServer.start(new Echo());
        Pid echo = ((StartResult.Ok) started).pid();
        busy.add(echo);
        startPairs(pairs);
        for (int i = 0; i < 20; i++) {
            assertThat(GenServer.call(echo, i, BOUND)).isEqualTo(i);
        }
    }

    @ParameterizedTest(name = "{0} busy pairs")
    @MethodSource("pairs")
    void aSpawnFromAPlatformThreadRuns(int pairs) throws InterruptedException {
        startPairs(pairs);
        for (int i = 0; i < 20; i++) {
            CountDownLatch ran = new CountDownLatch(1);
            Proc.spawn(ran::countDown);
            assertThat(ran.await(BOUND.toMillis(), TimeUnit.MILLISECONDS)).as("spawn %d ran", i).isTrue();
        }
    }

    @ParameterizedTest(name = "{0} busy pairs")
    @MethodSource("pairs")
    void aReceiveTimeoutInsideAProcessFires(int pairs) throws InterruptedException {
        startPairs(pairs);
        CountDownLatch done = new CountDownLatch(1);
        AtomicLong timeouts = new AtomicLong();
        Pid sleeper = Proc.spawn(() -> {
            for (int i = 0; i < 20; i++) {
                if (Proc.receive(Duration.ofMillis(5)).isEmpty()) {
                    timeouts.incrementAndGet();
                }
            }
            done.countDown();
        });
        busy.add(sleeper);
        assertThat(done.await(BOUND.toMillis(), TimeUnit.MILLISECONDS)).as("20 receive timeouts fired").isTrue();
        assertThat(timeouts).hasValue(20);
    }
}
