package io.islands.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;

/** The exit-signal table of otp-semantics §1.7, row by row, plus link basics. */
class LinksTest {

    /** Spawns a process that waits for ever, returns its pid. */
    static Pid sleeper() {
        return Proc.spawn(() -> Proc.receive(o -> false, Duration.ofDays(1)));
    }

    /** Spawns a process that links to {@code target} then waits; returns it once linked. */
    static Pid linkedSleeper(Pid target, boolean trap, LinkedBlockingQueue<Object> inbox) {
        LinkedBlockingQueue<Pid> ready = new LinkedBlockingQueue<>();
        Proc.spawn(() -> {
            Proc.trapExit(trap);
            Proc.link(target);
            ready.add(Proc.self());
            for (;;) {
                inbox.add(Proc.receive());
            }
        });
        return Probe.take(ready);
    }

    @Test
    void row1_normalFromAnotherProcessIsDroppedByNonTrapper() {
        Probe victim = Probe.plain();
        Proc.exit(victim.pid, ExitReason.normal());
        // the fence: a message sent after the signal; a signal that ends a process takes effect
        // at its next safe point, before it can handle a later message from the same sender
        LinkedBlockingQueue<Pid> handled = new LinkedBlockingQueue<>();
        victim.run(() -> handled.add(Proc.self()));
        assertThat(Probe.take(handled)).isEqualTo(victim.pid);
        assertThat(victim.pid.isAlive()).isTrue();
        Proc.exit(victim.pid, ExitReason.kill());
    }

    @Test
    void row2_otherReasonKillsNonTrapperWithSameReason() {
        LinkedBlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
        Pid a = sleeper();
        Pid b = linkedSleeper(a, false, inbox);
        Probe watcher = Probe.plain();
        watcher.monitor(b);
        Proc.exit(a, ExitReason.other("boom"));
        Down down = (Down) watcher.next();
        assertThat(down.pid()).isEqualTo(b);
        assertThat(down.reason()).isEqualTo(ExitReason.other("boom"));
    }

    @Test
    void row2_killViaLinkPropagatesAsKilledReasonOfTheDeadProcess() {
        // a is killed (reason killed); b, linked and not trapping, dies with killed
        LinkedBlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
        Pid a = sleeper();
        Pid b = linkedSleeper(a, false, inbox);
        Probe watcher = Probe.plain();
        watcher.monitor(b);
        Proc.exit(a, ExitReason.kill());
        assertThat(((Down) watcher.next()).reason()).isEqualTo(ExitReason.killed());
    }

    @Test
    void row3_explicitKillIsUntrappable() {
        Probe trapper = Probe.trapping();
        Probe watcher = Probe.plain();
        watcher.monitor(trapper.pid);
        Proc.exit(trapper.pid, ExitReason.kill());
        Down down = (Down) watcher.next();
        assertThat(down.reason()).isEqualTo(ExitReason.killed());
        assertThat(trapper.seen).isEmpty();
    }

    @Test
    void row4_trapperGetsExitMessages_andKillViaLinkStaysKill() {
        Probe trapper = Probe.trapping();
        Proc.exit(trapper.pid, ExitReason.other("x"));
        assertThat(trapper.next()).isEqualTo(new Exit(Pid.EXTERNAL, ExitReason.other("x")));
        Proc.exit(trapper.pid, ExitReason.normal());
        assertThat(trapper.next()).isEqualTo(new Exit(Pid.EXTERNAL, ExitReason.normal()));

        // a process dying with reason kill (it exits itself with kill) sends kill over the link
        LinkedBlockingQueue<Pid> ready = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<Object> go = new LinkedBlockingQueue<>();
        Pid dier = Proc.spawn(() -> {
            ready.add(Proc.self());
            Proc.receive();
            Proc.exit(ExitReason.kill());
        });
        Probe.take(ready);
        trapper.run(() -> Proc.link(dier));
        trapper.run(() -> Proc.send(dier, "go"));
        assertThat(trapper.next()).isEqualTo(new Exit(dier, ExitReason.kill()));
        assertThat(trapper.pid.isAlive()).isTrue();
        assertThat(go).isEmpty();
    }

    @Test
    void row5_exitSelfNormalTerminatesTheCaller() {
        Probe watcher = Probe.plain();
        LinkedBlockingQueue<Pid> ready = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<String> after = new LinkedBlockingQueue<>();
        Pid p = Proc.spawn(() -> {
            ready.add(Proc.self());
            Proc.receive();
            Proc.exit(Proc.self(), ExitReason.normal());
            after.add("still running");
        });
        Probe.take(ready);
        watcher.monitor(p);
        Proc.send(p, "go");
        assertThat(((Down) watcher.next()).reason()).isEqualTo(ExitReason.normal());
        assertThat(after).isEmpty();
    }

    @Test
    void row6_signalFromAnUnlinkedLinkIsDropped() {
        LinkedBlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
        Pid a = sleeper();
        LinkedBlockingQueue<Pid> ready = new LinkedBlockingQueue<>();
        Pid b = Proc.spawn(() -> {
            Proc.trapExit(true);
            Proc.link(a);
            Proc.unlink(a);
            Proc.monitor(a); // the fence: a dying process tells its links before its monitors
            ready.add(Proc.self());
            for (;;) {
                inbox.add(Proc.receive());
            }
        });
        Probe.take(ready);
        Proc.exit(a, ExitReason.kill());
        // had the link survived, its Exit would stand in b's mailbox before the Down
        assertThat(Probe.take(inbox)).isInstanceOfSatisfying(Down.class, d -> assertThat(d.pid()).isEqualTo(a));
        assertThat(inbox).isEmpty();
        assertThat(b.isAlive()).isTrue();
    }

    @Test
    void linkToDeadProcess_trapperGetsNoproc_nonTrapperExitsNoproc() {
        Pid dead = Proc.spawn(() -> {});
        await().until(() -> !dead.isAlive());
        Probe trapper = Probe.trapping();
        trapper.run(() -> Proc.link(dead));
        assertThat(trapper.next()).isEqualTo(new Exit(dead, ExitReason.noproc()));

        Probe plain = Probe.plain();
        Probe watcher = Probe.plain();
        watcher.monitor(plain.pid);
        plain.run(() -> Proc.link(dead));
        assertThat(((Down) watcher.next()).reason()).isEqualTo(ExitReason.noproc());
    }

    @Test
    void linksAreBidirectionalAndAtMostOnePerPair() {
        Probe a = Probe.trapping();
        Pid b = sleeper();
        a.run(() -> Proc.link(b));
        a.run(() -> Proc.link(b));
        await().until(() -> Proc.links(b).contains(a.pid));
        assertThat(Proc.links(a.pid)).containsExactly(b);
        assertThat(Proc.links(b)).containsExactly(a.pid);
        Proc.exit(b, ExitReason.other("bye"));
        assertThat(a.next()).isEqualTo(new Exit(b, ExitReason.other("bye")));
        assertThat(Proc.links(a.pid)).isEmpty();
    }

    @Test
    void spawnLinkLinksAtomicallyAndCrashPropagates() {
        Probe parent = Probe.trapping();
        parent.run(() -> Proc.spawnLink(() -> {
            throw new IllegalStateException("crash in child");
        }));
        Exit exit = (Exit) parent.next();
        assertThat(exit.reason()).isInstanceOf(ExitReason.Crash.class);
        assertThat(((ExitReason.Crash) exit.reason()).error()).hasMessage("crash in child");
    }

    @Test
    void bodyReturningExitsNormal_andNormalDoesNotTakeLinksDown() {
        Probe parent = Probe.plain();
        LinkedBlockingQueue<Pid> child = new LinkedBlockingQueue<>();
        parent.run(() -> child.add(Proc.spawnLink(() -> {})));
        Pid c = Probe.take(child);
        await().until(() -> !c.isAlive());
        assertThat(parent.pid.isAlive()).isTrue();
    }
}
