package io.islands.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.islands.runtime.checkpoint.Quarantined;
import io.islands.runtime.checkpoint.Saved;
import io.islands.runtime.checkpoint.StaleRevisionException;
import io.islands.runtime.checkpoint.StoreException;
import io.islands.runtime.checkpoint.UnreadableStateException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link io.islands.runtime.checkpoint.StateStore} contract, as {@link
 * io.islands.runtime.checkpoint.MemoryStateStore} defines it, run against every store: a
 * subclass names the store's URL and how to corrupt a row.
 */
abstract class StateStoreContract {
    static final int DEPTH = 3;

    private String url;
    CloseableStateStore<TestState> store;

    /** @return the URL of a new, empty store */
    abstract String freshUrl() throws Exception;

    /** Overwrites one stored version with {@code text}, bypassing the store; memory: not possible. */
    abstract void corrupt(String key, long revision, String text) throws Exception;

    /** @return whether the store outlives close (so {@link #reopen} finds what was saved) */
    boolean durable() {
        return true;
    }

    @BeforeEach
    void openStore() throws Exception {
        url = freshUrl();
        store = open(url);
    }

    /** @return the store at {@code url} (of {@link #freshUrl}), opened */
    CloseableStateStore<TestState> open(String url) {
        return StateStores.open(url, TestCodec.INSTANCE, DEPTH);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    void reopen() {
        store.close();
        store = open(url);
    }

    static Saved<TestState> v(long revision) {
        return new Saved<>(revision, TestState.of("p", (int) revision));
    }

    void saveRevisions(String key, int from, int to) {
        for (int r = from; r <= to; r++) {
            store.save(key, v(r));
        }
    }

    static List<Long> revisions(List<Saved<TestState>> versions) {
        return versions.stream().map(Saved::revision).toList();
    }

    @Test
    void anEmptyStoreHasNothing() {
        assertThat(store.historyDepth()).isEqualTo(DEPTH);
        assertThat(store.versions("g")).isEmpty();
        assertThat(store.newest("g")).isEmpty();
        assertThat(store.keys()).isEmpty();
        assertThat(store.quarantinedKeys()).isEmpty();
        assertThat(store.quarantined("g")).isEmpty();
        assertThat(store.summaries()).isEmpty();
    }

    @Test
    void savedStatesComeBackEqual() {
        TestState big = TestState.sized("Zoë ✓ \"quoted\"", 7, 1500);
        store.save("g", new Saved<>(1, big));
        assertThat(store.versions("g")).containsExactly(new Saved<>(1, big));
        assertThat(store.newest("g")).contains(new Saved<>(1, big));
        assertThat(store.keys()).containsExactly("g");
    }

    @Test
    void versionsOfManyKeysAreEachKeysVersions_inTheOrderAsked_withoutTheKeysThatHaveNone() {
        List<String> keys = new ArrayList<>();
        for (int k = 0; k < 520; k++) { // more than one SQLite statement's worth
            keys.add("m" + k);
            if (k % 7 != 0) {
                saveRevisions("m" + k, 1, k % 4 == 0 ? DEPTH + 1 : 1);
            }
        }
        java.util.Collections.reverse(keys);
        var got = store.versionsOf(keys);
        assertThat(got.keySet()).containsExactlyElementsOf(keys.stream().filter(k -> Integer.parseInt(k.substring(1)) % 7 != 0).toList());
        for (String k : got.keySet()) {
            assertThat(got.get(k)).as(k).isEqualTo(store.versions(k));
        }
        assertThat(store.versionsOf(List.of())).isEmpty();
        assertThat(store.versionsOf(List.of("nobody"))).isEmpty();
    }

    @Test
    void aSaveMustBeTheNewestRevisionPlusOne() {
        assertThatThrownBy(() -> store.save("g", v(2)))
                .isInstanceOfSatisfying(StaleRevisionException.class, e -> {
                    assertThat(e.stored()).isZero();
                    assertThat(e.attempted()).isEqualTo(2);
                })
                .hasMessageContaining("g");
        store.save("g", v(1));
        assertThatThrownBy(() -> store.save("g", v(1)))
                .isInstanceOfSatisfying(StaleRevisionException.class, e -> assertThat(e.stored()).isEqualTo(1));
        assertThatThrownBy(() -> store.save("g", v(3))).isInstanceOf(StaleRevisionException.class);
        assertThat(revisions(store.versions("g"))).containsExactly(1L);
        store.save("g", v(2));
        assertThat(revisions(store.versions("g"))).containsExactly(2L, 1L);
    }

    @Test
    void keepsHistoryDepthVersionsNewestFirst() {
        saveRevisions("g", 1, 5);
        assertThat(store.versions("g")).containsExactly(v(5), v(4), v(3));
        assertThat(store.newest("g")).contains(v(5));
        saveRevisions("other", 1, 1);
        assertThat(store.versions("other")).containsExactly(v(1));
    }

    @Test
    void discardAfterRemovesNewerVersions() {
        saveRevisions("g", 1, 3);
        assertThat(store.discardAfter("g", 1)).containsExactly(v(3), v(2));
        assertThat(store.versions("g")).containsExactly(v(1));
        store.save("g", v(2)); // the writer goes on from what is kept
        assertThat(store.discardAfter("g", 5)).isEmpty();
        assertThat(store.discardAfter("nothing", 0)).isEmpty();
        assertThat(store.discardAfter("g", 0)).containsExactly(v(2), v(1));
        assertThat(store.keys()).doesNotContain("g");
        store.save("g", v(1));
    }

    @Test
    void deleteForgetsTheKey() {
        saveRevisions("g", 1, 2);
        saveRevisions("h", 1, 1);
        assertThat(store.delete("g")).isTrue();
        assertThat(store.delete("g")).isFalse();
        assertThat(store.versions("g")).isEmpty();
        assertThat(store.keys()).containsExactly("h");
        store.save("g", v(1)); // a new game under the same name starts at 1
        assertThat(store.versions("g")).containsExactly(v(1));
    }

    @Test
    void keysAreThoseWithVersions() {
        saveRevisions("a", 1, 1);
        saveRevisions("b", 1, 2);
        saveRevisions("c", 1, 1);
        store.delete("a");
        store.quarantine("c", "test");
        assertThat(store.keys()).containsExactly("b");
        assertThat(store.summaries()).singleElement().satisfies(s -> {
            assertThat(s.key()).isEqualTo("b");
            assertThat(s.revision()).isEqualTo(2);
            assertThat(s.versions()).isEqualTo(2);
        });
    }

    @Test
    void quarantineSetsTheVersionsAside() {
        Instant before = Instant.now().minusSeconds(1);
        saveRevisions("g", 1, 4);
        store.quarantine("g", "no saved version restores");
        assertThat(store.versions("g")).isEmpty();
        assertThat(store.keys()).isEmpty();
        assertThat(store.quarantinedKeys()).containsExactly("g");
        Quarantined<TestState> q = store.quarantined("g").orElseThrow();
        assertThat(q.key()).isEqualTo("g");
        assertThat(q.reason()).isEqualTo("no saved version restores");
        assertThat(q.at()).isBetween(before, Instant.now().plusSeconds(1));
        assertThat(q.versions()).containsExactly(v(4), v(3), v(2));
        assertThat(store.quarantined("other")).isEmpty();
    }

    @Test
    void quarantineOfAnUnknownKeyRecordsNoVersions() {
        store.quarantine("g", "unreadable");
        assertThat(store.quarantined("g").orElseThrow().versions()).isEmpty();
        assertThat(store.quarantinedKeys()).containsExactly("g");
    }

    @Test
    void releasePutsTheVersionsBack() {
        saveRevisions("g", 1, 2);
        store.quarantine("g", "why");
        Quarantined<TestState> released = store.release("g").orElseThrow();
        assertThat(released.versions()).containsExactly(v(2), v(1));
        assertThat(store.versions("g")).containsExactly(v(2), v(1));
        assertThat(store.quarantined("g")).isEmpty();
        assertThat(store.quarantinedKeys()).isEmpty();
        assertThat(store.release("g")).isEmpty();
        store.save("g", v(3));
        assertThat(store.newest("g")).contains(v(3));
    }

    @Test
    void releaseOfARecordWithoutVersionsKeepsTheCurrentOnes() {
        store.quarantine("g", "why");
        saveRevisions("g", 1, 1);
        assertThat(store.release("g").orElseThrow().versions()).isEmpty();
        assertThat(store.versions("g")).containsExactly(v(1));
    }

    @Test
    void racingWritersOfOneRevisionHaveOneWinner() throws Exception {
        saveRevisions("g", 1, 1);
        for (int round = 2; round <= 6; round++) {
            long revision = round;
            AtomicInteger won = new AtomicInteger();
            AtomicInteger stale = new AtomicInteger();
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> all = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    int writer = i;
                    all.add(pool.submit(() -> {
                        try {
                            store.save("g", new Saved<>(revision, TestState.of("w" + writer, (int) revision)));
                            won.incrementAndGet();
                        } catch (StaleRevisionException e) {
                            stale.incrementAndGet();
                        }
                    }));
                }
                for (Future<?> f : all) {
                    f.get();
                }
            }
            assertThat(won).as("winners of revision %d", revision).hasValue(1);
            assertThat(stale).hasValue(7);
            assertThat(store.newest("g").orElseThrow().revision()).isEqualTo(revision);
        }
    }

    @Test
    void historyTellsWhenEachVersionWasSaved() {
        assumeTrue(durable(), "memory: records no times");
        Instant before = Instant.now().minusSeconds(1);
        saveRevisions("g", 1, 2);
        assertThat(store.history("g")).extracting(h -> h.saved().revision()).containsExactly(2L, 1L);
        assertThat(store.history("g")).allSatisfy(h -> assertThat(h.savedAt()).isBetween(before, Instant.now().plusSeconds(1)));
        assertThat(store.summaries().get(0).savedAt()).isNotNull();
    }

    @Test
    void everythingIsThereAfterReopening() {
        assumeTrue(durable(), "memory: does not outlive close");
        saveRevisions("g", 1, 4);
        saveRevisions("q", 1, 2);
        store.quarantine("q", "why");
        reopen();
        assertThat(store.versions("g")).containsExactly(v(4), v(3), v(2));
        assertThat(store.quarantined("q").orElseThrow().versions()).containsExactly(v(2), v(1));
        store.save("g", v(5));
        assertThatThrownBy(() -> store.save("g", v(5))).isInstanceOf(StaleRevisionException.class);
    }

    @Test
    void anUnreadableRowIsReportedForItsKeyOnly() throws Exception {
        assumeTrue(durable(), "memory: holds objects, not rows");
        saveRevisions("bad", 1, 2);
        saveRevisions("good", 1, 1);
        corrupt("bad", 2, "{\"unexpected\": true}");
        assertThatThrownBy(() -> store.versions("bad"))
                .isInstanceOf(UnreadableStateException.class)
                .hasMessageContaining("bad").hasMessageContaining("revision 2").hasMessageContaining("unreadable");
        assertThatThrownBy(() -> store.newest("bad")).isInstanceOf(UnreadableStateException.class);
        assertThat(store.versions("good")).containsExactly(v(1));
        assertThat(store.keys()).containsExactlyInAnyOrder("bad", "good");
        // what the checkpoint server does next: quarantine it; the readable version is kept there
        store.quarantine("bad", "unreadable saved state");
        Quarantined<TestState> q = store.quarantined("bad").orElseThrow();
        assertThat(q.versions()).containsExactly(v(1));
        assertThat(q.reason()).contains("unreadable saved state").contains("1 unreadable version(s) not shown");
        assertThat(store.versions("bad")).isEmpty();
        store.save("good", v(2));
    }

    @Test
    void aClosedStoreRefusesEverything() {
        saveRevisions("g", 1, 1);
        store.close();
        store.close();
        assertThatThrownBy(() -> store.save("g", v(2))).isInstanceOf(StoreException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> store.versions("g")).isInstanceOf(StoreException.class).hasMessageContaining("closed");
    }

    @Test
    void manyKeysSavedConcurrentlyAllLand() throws Exception {
        int keys = 64;
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> all = new ArrayList<>();
            for (int k = 0; k < keys; k++) {
                String key = "k" + k;
                all.add(pool.submit(() -> saveRevisions(key, 1, 4)));
            }
            for (Future<?> f : all) {
                f.get(Duration.ofSeconds(30).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        }
        assertThat(store.keys()).hasSize(keys);
        for (int k = 0; k < keys; k++) {
            assertThat(revisions(store.versions("k" + k))).containsExactly(4L, 3L, 2L);
        }
        assertThat(store.counters().saves()).isEqualTo(keys * 4L);
    }
}
