package io.islands.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.islands.runtime.ExitException;
import io.islands.runtime.ExitReason;
import io.islands.runtime.From;
import io.islands.runtime.GenServer;
import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import io.islands.runtime.Result;
import io.islands.runtime.StartResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class CheckpointServerTest {
    final MemoryStateStore<Integer> store = new MemoryStateStore<>(3);
    final RecoveryLedger ledger = new RecoveryLedger(2);

    /** A counter: "inc" adds one; "get" reads; "bad" fails without change; "crash" throws. */
    static class Counter implements Checkpointed<Integer> {
        @Override
        public Integer fresh(String key) {
            return 0;
        }

        @Override
        public Integer restore(String key, Integer saved) {
            if (saved < 0) {
                throw new IllegalArgumentException("negative counter " + saved);
            }
            return saved;
        }

        @Override
        public Result<Integer> handleCall(Object request, From from, Integer n) {
            return switch (String.valueOf(request)) {
                case "inc" -> Result.reply(n + 1, n + 1);
                case "get" -> Result.reply(n, n);
                case "bad" -> Result.reply("error", n);
                case "crash" -> throw new IllegalStateException("crash at " + n);
                default -> throw new IllegalArgumentException(String.valueOf(request));
            };
        }
    }

    Pid start(String key, Checkpointed<Integer> b, Duration idle) {
        return GenServer.start(new CheckpointServer<>(key, b, store, ledger, idle)).pid();
    }

    @Test
    void freshStateIsSavedAtStart_andEveryChangeBeforeTheReply() {
        Pid p = start("a", new Counter(), null);
        assertThat(store.versions("a")).containsExactly(new Saved<>(1, 0));
        assertThat(GenServer.call(p, "inc")).isEqualTo(1);
        assertThat(store.newest("a")).contains(new Saved<>(2, 1));
        GenServer.call(p, "bad");
        assertThat(store.newest("a")).as("a failed call writes nothing").contains(new Saved<>(2, 1));
        assertThat(store.versions("a")).hasSize(2);
    }

    @Test
    void aRestartResumesFromTheSavedState_andACrashKeepsIt() {
        Pid p = start("b", new Counter(), null);
        GenServer.call(p, "inc");
        GenServer.call(p, "inc");
        Proc.exit(p, ExitReason.kill());
        await().until(() -> !p.isAlive());
        Pid again = start("b", new Counter(), null);
        assertThat(GenServer.call(again, "get")).isEqualTo(2);
    }

    @Test
    void aPoisonedNewestVersionFallsBackToThePreviousOne() {
        store.save("c", new Saved<>(1, 5));
        store.save("c", new Saved<>(2, -1)); // restore rejects it
        Pid p = start("c", new Counter(), null);
        assertThat(GenServer.call(p, "get")).isEqualTo(5);
        assertThat(store.versions("c")).containsExactly(new Saved<>(1, 5));
        assertThat(GenServer.call(p, "inc")).isEqualTo(6);
        assertThat(store.newest("c")).contains(new Saved<>(2, 6));
    }

    @Test
    void whenNoVersionWorksTheKeyIsQuarantinedAndRefused() {
        store.save("d", new Saved<>(1, -3));
        StartResult r = GenServer.start(new CheckpointServer<>("d", new Counter(), store, ledger, null));
        assertThat(r).isEqualTo(new StartResult.Error(CheckpointServer.QUARANTINED));
        assertThat(store.quarantined("d")).hasValueSatisfying(q -> {
            assertThat(q.reason()).contains("revision 1 failed restore");
            assertThat(q.versions()).containsExactly(new Saved<>(1, -3));
        });
        assertThat(GenServer.start(new CheckpointServer<>("d", new Counter(), store, ledger, null)))
                .isEqualTo(new StartResult.Error(CheckpointServer.QUARANTINED));
        store.release("d");
        assertThat(store.versions("d")).hasSize(1);
    }

    @Test
    void aRevisionThatCrashesTheProcessRightAfterRestoreIsSkipped() {
        // revision 2 holds 7; the behaviour crashes on any call while the state is 7
        Checkpointed<Integer> crashesAtSeven = new Counter() {
            @Override
            public Result<Integer> handleCall(Object request, From from, Integer n) {
                if (n == 7) {
                    throw new IllegalStateException("poisoned by 7");
                }
                return super.handleCall(request, from, n);
            }
        };
        store.save("e", new Saved<>(1, 3));
        store.save("e", new Saved<>(2, 7));
        for (int attempt = 0; attempt < 2; attempt++) {
            Pid p = start("e", crashesAtSeven, null);
            assertThatThrownBy(() -> GenServer.call(p, "get")).isInstanceOf(ExitException.class);
            await().until(() -> !p.isAlive());
        }
        assertThat(ledger.isPoisoned("e", 2)).isTrue();
        Pid p = start("e", crashesAtSeven, null);
        assertThat(GenServer.call(p, "get")).isEqualTo(3);
    }

    @Test
    void aFailedSaveIsNotAcknowledged_andTheServerKeepsItsState() {
        AtomicBoolean down = new AtomicBoolean();
        StateStore<Integer> flaky = new ForwardingStore<>(store) {
            @Override
            public void save(String key, Saved<Integer> version) {
                if (down.get()) {
                    throw new StoreException("disk full");
                }
                super.save(key, version);
            }
        };
        Pid p = GenServer.start(new CheckpointServer<>("f", new Counter(), flaky, ledger, null)).pid();
        GenServer.call(p, "inc");
        down.set(true);
        assertThat(GenServer.call(p, "inc")).isEqualTo(new NotSaved("f", "disk full"));
        assertThat(GenServer.call(p, "get")).isEqualTo(1);
        down.set(false);
        assertThat(GenServer.call(p, "inc")).isEqualTo(2);
        assertThat(store.newest("f")).contains(new Saved<>(3, 2));
    }

    @Test
    void aStaleWriterStops_andNeverOverwritesANewerState() {
        Pid p = start("g", new Counter(), null);
        store.save("g", new Saved<>(2, 100)); // another incarnation wrote revision 2
        assertThat(GenServer.call(p, "inc")).isInstanceOf(NotSaved.class);
        await().until(() -> !p.isAlive());
        assertThat(store.newest("g")).contains(new Saved<>(2, 100));
    }

    @Test
    void aWriterFencedOutStops_andItsCallerIsToldSoByType() {
        AtomicBoolean taken = new AtomicBoolean();
        StateStore<Integer> fenced = new ForwardingStore<>(store) {
            @Override
            public void save(String key, Saved<Integer> version) {
                if (taken.get()) {
                    throw new FencedOutException(key, version.revision(), 1, 2);
                }
                super.save(key, version);
            }
        };
        Pid p = GenServer.start(new CheckpointServer<>("k", new Counter(), fenced, ledger, null)).pid();
        GenServer.call(p, "inc");
        taken.set(true);
        assertThat(GenServer.call(p, "inc")).isInstanceOfSatisfying(NotSaved.class,
                ns -> assertThat(ns.fencedOut()).isTrue());
        await().until(() -> !p.isAlive());
        assertThat(store.newest("k")).contains(new Saved<>(2, 1));
    }

    @Test
    void forgetAndIdleTimeoutDeleteTheSavedState() {
        Pid p = start("h", new Counter(), null);
        GenServer.stop(p, CheckpointServer.FORGET, Duration.ofSeconds(5));
        assertThat(store.versions("h")).isEmpty();

        Pid q = start("i", new Counter(), Duration.ofMillis(100));
        GenServer.call(q, "inc");
        await().until(() -> !q.isAlive());
        assertThat(store.versions("i")).isEmpty();
    }

    @Test
    void historyKeepsTheNewestVersionsOnly() {
        Pid p = start("j", new Counter(), null);
        for (int i = 0; i < 5; i++) {
            GenServer.call(p, "inc");
        }
        assertThat(store.versions("j")).extracting(Saved::revision).containsExactly(6L, 5L, 4L);
        assertThat(List.copyOf(store.keys())).contains("j");
    }
}
