package io.islands.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class GenServerTest {

    /** A counter server that records terminate calls and obeys a few scripted requests. */
    static final class Counter implements GenServer<Integer> {
        final LinkedBlockingQueue<ExitReason> terminated = new LinkedBlockingQueue<>();
        final LinkedBlockingQueue<Object> infos = new LinkedBlockingQueue<>();
        final AtomicReference<From> deferred = new AtomicReference<>();

        @Override
        public InitResult<Integer> init() {
            return InitResult.ok(0);
        }

        @Override
        public Result<Integer> handleCall(Object request, From from, Integer n) {
            return switch (String.valueOf(request)) {
                case "get" -> Result.reply(n, n);
                case "inc" -> Result.reply(n + 1, n + 1);
                case "null" -> Result.reply(null, n);
                case "defer" -> {
                    deferred.set(from);
                    yield Result.noReply(n);
                }
                case "stop" -> Result.stopReply(ExitReason.normal(), "bye", n);
                case "crash" -> throw new IllegalStateException("crash on request");
                case "hang" -> Result.noReply(n);
                case "continue" -> Result.reply("ok", n, Next.continueWith("bump"));
                case "idle" -> Result.reply("ok", n, Next.timeout(Duration.ofMillis(50)));
                case "trap" -> {
                    Proc.trapExit(true);
                    yield Result.reply("ok", n);
                }
                default -> throw new IllegalArgumentException(String.valueOf(request));
            };
        }

        @Override
        public Result<Integer> handleCast(Object request, Integer n) {
            return Result.noReply(n + (Integer) request);
        }

        @Override
        public Result<Integer> handleContinue(Object value, Integer n) {
            return Result.noReply(n + 100);
        }

        @Override
        public Result<Integer> handleInfo(Object message, Integer n) {
            infos.add(message);
            return Result.noReply(n);
        }

        @Override
        public void terminate(ExitReason reason, Integer n) {
            terminated.add(reason);
        }
    }

    @Test
    void callCastAndInfo() {
        Counter c = new Counter();
        Pid pid = GenServer.start(c).pid();
        assertThat(GenServer.call(pid, "inc")).isEqualTo(1);
        GenServer.cast(pid, 5);
        assertThat(GenServer.call(pid, "get")).isEqualTo(6);
        assertThat(GenServer.call(pid, "null")).isNull();
        Proc.send(pid, "hello");
        assertThat(Probe.take(c.infos)).isEqualTo("hello");
    }

    @Test
    void continueRunsBeforeTheNextMessage() {
        Pid pid = GenServer.start(new Counter()).pid();
        GenServer.call(pid, "continue");
        assertThat(GenServer.call(pid, "get")).isEqualTo(100);
    }

    @Test
    void idleTimeoutDeliversIdleTimeoutToHandleInfo() {
        Counter c = new Counter();
        Pid pid = GenServer.start(c).pid();
        GenServer.call(pid, "idle");
        assertThat(Probe.take(c.infos)).isEqualTo(IdleTimeout.INSTANCE);
    }

    @Test
    void deferredReply() {
        Counter c = new Counter();
        Pid pid = GenServer.start(c).pid();
        LinkedBlockingQueue<Object> answer = new LinkedBlockingQueue<>();
        Thread.startVirtualThread(() -> answer.add(GenServer.call(pid, "defer")));
        await().until(() -> c.deferred.get() != null);
        assertThat(GenServer.reply(c.deferred.get(), "later")).isTrue();
        assertThat(Probe.take(answer)).isEqualTo("later");
        assertThat(GenServer.reply(c.deferred.get(), "twice")).isFalse();
    }

    @Test
    void stopReplyCallsTerminateThenReplies() {
        Counter c = new Counter();
        Pid pid = GenServer.start(c).pid();
        assertThat(GenServer.call(pid, "stop")).isEqualTo("bye");
        assertThat(Probe.take(c.terminated)).isEqualTo(ExitReason.normal());
        await().until(() -> !pid.isAlive());
    }

    @Test
    void crashInCallbackCallsTerminateAndTheCallerGetsTheReason() {
        Counter c = new Counter();
        Pid pid = GenServer.start(c).pid();
        assertThatThrownBy(() -> GenServer.call(pid, "crash"))
                .isInstanceOf(ExitException.class)
                .satisfies(e -> assertThat(((ExitException) e).reason()).isInstanceOf(ExitReason.Crash.class));
        assertThat(Probe.take(c.terminated)).isInstanceOf(ExitReason.Crash.class);
    }

    @Test
    void callToDeadServerIsNoproc_andUnknownNameIsNoproc() {
        Pid pid = GenServer.start(new Counter()).pid();
        GenServer.call(pid, "stop");
        await().until(() -> !pid.isAlive());
        assertThatThrownBy(() -> GenServer.call(pid, "get"))
                .isInstanceOf(ExitException.class)
                .extracting(e -> ((ExitException) e).reason()).isEqualTo(ExitReason.noproc());
        assertThatThrownBy(() -> GenServer.call(Name.local("nobody-here"), "get"))
                .extracting(e -> ((ExitException) e).reason()).isEqualTo(ExitReason.noproc());
    }

    @Test
    void callerOfServerKilledMidCallGetsKilledNotAHang() {
        Counter c = new Counter();
        Pid pid = GenServer.start(c).pid();
        LinkedBlockingQueue<Object> outcome = new LinkedBlockingQueue<>();
        Thread.startVirtualThread(() -> {
            try {
                GenServer.call(pid, "defer", Duration.ofMinutes(5));
            } catch (ExitException e) {
                outcome.add(e.reason());
            }
        });
        await().until(() -> c.deferred.get() != null);
        Proc.exit(pid, ExitReason.kill());
        assertThat(Probe.take(outcome)).isEqualTo(ExitReason.killed());
        assertThat(c.terminated).as("terminate is not called on kill").isEmpty();
    }

    @Test
    void callTimesOut() {
        Pid pid = GenServer.start(new Counter()).pid();
        assertThatThrownBy(() -> GenServer.call(pid, "hang", Duration.ofMillis(50)))
                .extracting(e -> ((ExitException) e).reason()).isEqualTo(ExitReason.timeout());
        assertThat(GenServer.call(pid, "get")).as("server still serves after a caller timed out").isEqualTo(0);
    }

    @Test
    void namedStartAnswersAlreadyStartedWithTheExistingPid() {
        Registry reg = Registry.unique("gs-names");
        StartResult first = GenServer.start(new Counter(), GenServer.StartOptions.named(reg.via("moon")));
        StartResult second = GenServer.start(new Counter(), GenServer.StartOptions.named(reg.via("moon")));
        assertThat(second).isEqualTo(new StartResult.AlreadyStarted(first.pid()));
        assertThat(GenServer.call(reg.via("moon"), "inc")).isEqualTo(1);
        GenServer.call(first.pid(), "stop");
        await().until(() -> reg.whereis("moon").isEmpty());
    }

    @Test
    void initResults() {
        class Init implements GenServer<String> {
            final InitResult<String> result;
            Init(InitResult<String> result) { this.result = result; }
            @Override public InitResult<String> init() { return result; }
        }
        assertThat(GenServer.start(new Init(InitResult.ignore()))).isEqualTo(new StartResult.Ignore());
        assertThat(GenServer.start(new Init(InitResult.stop(ExitReason.other("no")))))
                .isEqualTo(new StartResult.Error(ExitReason.other("no")));
        StartResult thrown = GenServer.start(() -> {
            throw new IllegalStateException("init failed");
        });
        assertThat(thrown).isInstanceOf(StartResult.Error.class);
        assertThat(((StartResult.Error) thrown).reason()).isInstanceOf(ExitReason.Crash.class);
    }

    @Test
    void initFailureDoesNotKillALinkedStarter() {
        Probe starter = Probe.plain();
        LinkedBlockingQueue<StartResult> result = new LinkedBlockingQueue<>();
        starter.run(() -> result.add(GenServer.startLink(() -> InitResult.stop(ExitReason.other("no")))));
        assertThat(Probe.take(result)).isEqualTo(new StartResult.Error(ExitReason.other("no")));
        assertThat(starter.pid.isAlive()).isTrue();
    }

    @Test
    void startTimeoutKillsTheSlowInit() {
        StartResult r = GenServer.start(() -> {
            Proc.receive(); // never answers
            return InitResult.ok("late");
        }, GenServer.StartOptions.DEFAULT.withStartTimeout(Duration.ofMillis(50)));
        assertThat(r).isEqualTo(new StartResult.Error(ExitReason.timeout()));
    }

    @Test
    void parentExitWhileTrappingCallsTerminate_notWhenNotTrapping() {
        Counter trapping = new Counter();
        Counter plain = new Counter();
        LinkedBlockingQueue<Pid> pids = new LinkedBlockingQueue<>();
        Probe parent = Probe.trapping();
        parent.run(() -> {
            Pid a = GenServer.startLink(trapping).pid();
            GenServer.call(a, "trap");
            pids.add(a);
            pids.add(GenServer.startLink(plain).pid());
        });
        Pid a = Probe.take(pids);
        Pid b = Probe.take(pids);
        Proc.exit(parent.pid, ExitReason.kill());
        assertThat(Probe.take(trapping.terminated)).isEqualTo(ExitReason.killed());
        await().until(() -> !a.isAlive() && !b.isAlive());
        assertThat(plain.terminated).isEmpty();
    }

    @Test
    void stopRunsTerminateWithTheReason() {
        Counter c = new Counter();
        Pid pid = GenServer.start(c).pid();
        GenServer.stop(pid, ExitReason.shutdown("maintenance"), Duration.ofSeconds(5));
        assertThat(Probe.take(c.terminated)).isEqualTo(ExitReason.shutdown("maintenance"));
        assertThat(pid.isAlive()).isFalse();
        assertThatThrownBy(() -> GenServer.stop(pid, ExitReason.normal(), Duration.ofSeconds(1)))
                .extracting(e -> ((ExitException) e).reason()).isEqualTo(ExitReason.noproc());
    }
}
