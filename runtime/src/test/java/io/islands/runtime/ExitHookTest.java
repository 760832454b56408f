package io.islands.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.islands.runtime.internal.ProcessHooks;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;

/** Exit hooks run before links and monitors are told, and may send, even in a killed process. */
class ExitHookTest {

    @Test
    void hookOfAKilledProcessSendsBeforeTheDown() {
        Probe watcher = Probe.plain();
        LinkedBlockingQueue<Pid> ready = new LinkedBlockingQueue<>();
        Pid victim = Proc.spawn(() -> {
            ProcessHooks.addExitHook(Proc.self(), (pid, reason) -> Proc.send(watcher.pid, "hook saw " + reason));
            ready.add(Proc.self());
            Proc.receive(o -> false, Duration.ofDays(1));
        });
        Probe.take(ready);
        watcher.monitor(victim);
        Proc.exit(victim, ExitReason.kill());
        assertThat(watcher.next()).isEqualTo("hook saw killed");
        assertThat(watcher.next()).isInstanceOf(Down.class);
    }
}
