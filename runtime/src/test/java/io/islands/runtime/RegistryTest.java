package io.islands.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
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
}
