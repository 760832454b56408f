package io.islands.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RegistryTest {

    @Test
    void uniqueKeys_secondRegisterGetsTheHolder_entryVanishesOnDeath() {
        Registry reg = Registry.unique("r1");
        Probe a = Probe.plain();
        Probe b = Probe.plain();
        LinkedBlockingQueue<Object> out = new LinkedBlockingQueue<>();
        a.run(() -> out.add(reg.register("k", "va")));
        assertThat(Probe.take(out)).isEqualTo(java.util.Optional.empty());
        b.run(() -> out.add(reg.register("k", "vb")));
        assertThat(Probe.take(out)).isEqualTo(java.util.Optional.of(a.pid));
        assertThat(reg.lookup("k")).containsExactly(new Registry.Entry(a.pid, "va"));
        Proc.exit(a.pid, ExitReason.kill());
        await().until(() -> reg.lookup("k").isEmpty());
        assertThat(reg.count()).isZero();
    }

    @Test
    void duplicateKeysDispatchToEveryone_andUnregister() {
        Registry reg = Registry.duplicate("pubsub");
        Probe a = Probe.plain();
        Probe b = Probe.plain();
        LinkedBlockingQueue<Object> done = new LinkedBlockingQueue<>();
        a.run(() -> { reg.register("topic", 1); done.add("a"); });
        b.run(() -> { reg.register("topic", 2); done.add("b"); });
        Probe.take(done);
        Probe.take(done);
        reg.dispatch("topic", (pid, value) -> Proc.send(pid, "news " + value));
        assertThat(List.of(a.next(), b.next())).containsExactlyInAnyOrder("news 1", "news 2");
        a.run(() -> { reg.unregister("topic"); done.add("u"); });
        Probe.take(done);
        assertThat(reg.lookup("topic")).extracting(Registry.Entry::pid).containsExactly(b.pid);
        assertThat(reg.keys(b.pid)).containsExactly("topic");
    }

    @Test
    void registerOutsideAProcessIsAClearError_andViaNeedsUniqueKeys() {
        Registry reg = Registry.unique("r2");
        assertThatThrownBy(() -> reg.register("k", null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not inside a process");
        assertThatThrownBy(() -> Registry.duplicate("d").via("k")).isInstanceOf(IllegalStateException.class);
    }

    /**
     * Regression (fresh-clone CI, 2026-12-03: StoreUnavailableTest answered CRASHED; and the
     * recovery bench's calls refused within 5 ms of a kill): a process that has begun to exit but
     * whose thread has not yet run the registry's exit hooks was still found by name, so a caller
     * retrying on noproc found it again on every retry. An exiting process is not listed, and its
     * unique key can be taken; its own hook later removes only its own entry.
     */
    @Test
    void anExitingProcessIsNotListed_andItsKeyCanBeTaken_beforeItsExitHooksRun() throws Exception {
        Registry reg = Registry.unique("r3");
        Registry topics = Registry.duplicate("d3");
        Probe a = Probe.plain();
        Probe b = Probe.plain();
        CountDownLatch exiting = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        LinkedBlockingQueue<Object> out = new LinkedBlockingQueue<>();
        a.run(() -> {
            reg.register("k", "va");
            topics.register("t", 1);
            // hooks run last-added first: this one holds a in EXITING before the registry's run
            Proc.cell().addExitHook((pid, reason) -> {
                exiting.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            out.add("ready");
        });
        Probe.take(out);
        Proc.exit(a.pid, ExitReason.kill());
        assertThat(exiting.await(10, TimeUnit.SECONDS)).as("a runs its exit hooks").isTrue();

        assertThat(reg.whereis("k")).as("an exiting holder is not found by name").isEmpty();
        assertThat(topics.lookup("t")).as("nor listed under a duplicate key").isEmpty();
        b.run(() -> out.add(reg.register("k", "vb")));
        assertThat(Probe.take(out)).as("b takes the key of the exiting holder").isEqualTo(Optional.empty());

        release.countDown();
        await().until(() -> reg.count() == 1 && topics.count() == 0);
        assertThat(reg.lookup("k")).as("a's hook removed its own entry only").containsExactly(new Registry.Entry(b.pid, "vb"));
    }
}
