package io.islands.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link Next#hibernate()} and {@link GenServer.StartOptions#hibernateAfter}: the process goes on
 * on a fresh virtual thread (a shallow parked stack) and is the same process for everybody.
 */
class HibernateTest {
    /** Counts calls; "sleep" replies and hibernates; replies carry the count and the thread's id. */
    static final class Sleeper implements GenServer<Integer> {
        final LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
        private final Duration idle;

        Sleeper(Duration idle) {
            this.idle = idle;
        }

        @Override
        public InitResult<Integer> init() {
            Proc.trapExit(true);
            return InitResult.ok(0);
        }

        @Override
        public Result<Integer> handleCall(Object request, From from, Integer n) {
            List<Long> reply = List.of((long) n + 1, Thread.currentThread().threadId());
            return request.equals("sleep") ? Result.reply(reply, n + 1, Next.hibernate())
                    : request.equals("idle") ? Result.reply(reply, n + 1, Next.timeout(idle))
                    : Result.reply(reply, n + 1);
        }

        @Override
        public Result<Integer> handleInfo(Object message, Integer n) {
            events.add(message instanceof Exit e ? "exit " + e.reason()
                    : message instanceof IdleTimeout ? "IdleTimeout" : String.valueOf(message));
            return Result.noReply(n);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Long> call(Pid pid, String request) {
        return (List<Long>) GenServer.call(pid, request);
    }

    @Test
    void aHibernatedServerKeepsItsStateMailboxAndLinks_onAFreshThread() throws Exception {
        Sleeper sleeper = new Sleeper(Duration.ZERO);
        Pid pid = ((StartResult.Ok) GenServer.start(sleeper)).pid();
        Pid linked = Proc.spawn(() -> {
            Proc.link(pid);
            Proc.receive();
        });
        await().until(() -> Proc.links(pid).contains(linked));
        List<Long> before = call(pid, "sleep");
        Proc.send(pid, "while asleep");
        List<Long> after = call(pid, "count");
        assertThat(after.get(0)).isEqualTo(before.get(0) + 1); // the state went along
        assertThat(after.get(1)).isNotEqualTo(before.get(1)); // on another thread
        assertThat(sleeper.events.poll(5, TimeUnit.SECONDS)).isEqualTo("while asleep");
        assertThat(Proc.links(pid)).contains(linked);
        Proc.exit(linked, ExitReason.kill());
        assertThat(sleeper.events.poll(5, TimeUnit.SECONDS)).isEqualTo("exit killed"); // trapped, as before
        call(pid, "sleep");
        Proc.exit(pid, ExitReason.kill()); // a signal to a hibernated process
        await().until(() -> !Proc.isAlive(pid));
        assertThat(Proc.all()).doesNotContain(pid);
    }

    @Test
    void hibernateAfter_hibernatesAnIdleServer_andItsOwnTimeoutStillComes() throws Exception {
        Sleeper sleeper = new Sleeper(Duration.ofMillis(400));
        Pid pid = ((StartResult.Ok) GenServer.start(sleeper,
                GenServer.StartOptions.DEFAULT.withHibernateAfter(Duration.ofMillis(50)))).pid();
        long start = System.nanoTime();
        long second = call(pid, "idle").get(1); // waits 400 ms: hibernates after 50, then the timeout
        assertThat(sleeper.events.poll(5, TimeUnit.SECONDS)).isEqualTo("IdleTimeout");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        await().until(() -> call(pid, "count").get(1) != second);
        GenServer.stop(pid, ExitReason.normal(), Duration.ofSeconds(5));
    }
}
