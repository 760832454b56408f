package io.islands.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;

class MonitorsTest {

    @Test
    void downCarriesTheReason_andEachMonitorIsIndependent() {
        Pid target = LinksTest.sleeper();
        Probe w = Probe.plain();
        LinkedBlockingQueue<MonitorRef> refs = new LinkedBlockingQueue<>();
        w.run(() -> refs.add(Proc.monitor(target)));
        w.run(() -> refs.add(Proc.monitor(target)));
        MonitorRef r1 = Probe.take(refs);
        MonitorRef r2 = Probe.take(refs);
        Proc.exit(target, ExitReason.shutdown("done"));
        Down d1 = (Down) w.next();
        Down d2 = (Down) w.next();
        assertThat(java.util.List.of(d1.ref(), d2.ref())).containsExactlyInAnyOrder(r1, r2);
        assertThat(d1.reason()).isEqualTo(ExitReason.shutdown("done"));
        assertThat(d1.pid()).isEqualTo(target);
    }

    @Test
    void monitorOfDeadProcessGivesNoprocAtOnce() {
        Pid dead = Proc.spawn(() -> {});
        await().until(() -> !dead.isAlive());
        Probe w = Probe.plain();
        w.monitor(dead);
        assertThat(((Down) w.next()).reason()).isEqualTo(ExitReason.noproc());
    }

    @Test
    void demonitorRemovesTheMonitor() throws Exception {
        Pid target = LinksTest.sleeper();
        Probe w = Probe.plain();
        w.run(() -> Proc.demonitor(Proc.monitor(target)));
        w.run(() -> Proc.send(Proc.self(), "marker"));
        assertThat(w.next()).isEqualTo("marker");
        Proc.exit(target, ExitReason.kill());
        await().until(() -> !target.isAlive());
        assertThat(w.poll()).isNull();
    }

    @Test
    void namesAreReleasedBeforeDownIsDelivered() {
        Registry reg = Registry.unique("names-before-down");
        LinkedBlockingQueue<Pid> ready = new LinkedBlockingQueue<>();
        Pid p = Proc.spawn(() -> {
            reg.register("k", null);
            Name.local("monitors-test-name").register();
            ready.add(Proc.self());
            Proc.receive();
            throw new RuntimeException("die");
        });
        Probe.take(ready);
        LinkedBlockingQueue<String> seenAtDown = new LinkedBlockingQueue<>();
        Proc.spawn(() -> {
            Proc.monitor(p);
            Proc.send(p, "go");
            Proc.receive(Down.class, d -> true, Probe.WAIT);
            seenAtDown.add(reg.whereis("k").isPresent() + "," + Name.local("monitors-test-name").whereis().isPresent());
        });
        assertThat(Probe.take(seenAtDown)).isEqualTo("false,false");
    }
}
