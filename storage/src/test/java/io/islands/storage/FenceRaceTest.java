package io.islands.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.islands.runtime.checkpoint.FencedOutException;
import io.islands.runtime.checkpoint.Saved;
import io.islands.storage.cluster.Claim;
import io.islands.storage.cluster.ClusterOptions;
import io.islands.storage.cluster.ClusterStore;
import io.islands.storage.cluster.NodeLease;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The fence race against a real PostgreSQL: an old owner saves a game in a tight loop while
 * another node claims the game and saves it. In every trial the old owner's saves stop being
 * committed at the claim: everything it was told is saved, the new owner loaded after its
 * claim; its first refused save is refused by the database's fence check; the new owner's save
 * goes through; no version with the old fence is newer than what the new owner loaded.
 *
 * <p>The old owner is made unaware of its loss (its renewals paused, its clock stopped): only the
 * database stands between it and a stale commit. Its lease is ended in the database by the test
 * at a seeded random point of its save loop ({@code -Dseed=N} replays a run; the seed is printed).
 */
class FenceRaceTest {
    static final int TRIALS = Integer.getInteger("fenceRace.trials", 300);
    /** Saves by the old owner before the takeover starts, at most (drawn per trial). */
    static final int MAX_SAVES_BEFORE = 20;
    /** Saves by the old owner in one trial, at most: the loop is bounded even if the fence failed. */
    static final int MAX_SAVES = 20_000;

    @Test
    void anOldOwnerSavingInATightLoopNeverCommitsAfterAnotherNodeClaimsTheGame() throws Exception {
        long seed = Long.getLong("seed", System.nanoTime());
        System.out.println("FenceRaceTest seed " + seed + " (-Dseed=" + seed + " replays it), trials " + TRIALS);
        Random random = new Random(seed);
        String url = PostgresServer.freshUrl();
        AtomicLong stoppedClock = new AtomicLong();
        ClusterOptions old = ClusterOptions.defaults().withNanoClock(stoppedClock::get);
        ClusterOptions fresh = ClusterOptions.defaults()
                .withLease(Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(1));
        try (PostgresCluster a = (PostgresCluster) ClusterStore.open(url, old);
                PostgresCluster b = (PostgresCluster) ClusterStore.open(url, fresh);
                Connection sql = DriverManager.getConnection(PostgresServer.jdbcUrl(url))) {
            NodeLease la = a.join("old", "addr-old", e -> {});
            NodeLease lb = b.join("new", "addr-new", e -> {});
            a.pause(true); // a never renews nor notices anything: the test moves its lease
            try (CloseableStateStore<TestState> sa = a.gameStore(TestCodec.INSTANCE, 1000);
                    CloseableStateStore<TestState> sb = b.gameStore(TestCodec.INSTANCE, 1000);
                    PreparedStatement revive = sql.prepareStatement("UPDATE islands_nodes SET lease_until = "
                            + "clock_timestamp() + interval '1 hour' WHERE epoch = " + la.epoch());
                    PreparedStatement expire = sql.prepareStatement("UPDATE islands_nodes SET lease_until = "
                            + "clock_timestamp() - interval '1 second' WHERE epoch = " + la.epoch());
                    PreparedStatement oldRows = sql.prepareStatement(
                            "SELECT coalesce(max(revision), 0) FROM islands_states WHERE key = ? AND fence = ?")) {
                int refusedBeforeAnyTakeover = 0;
                for (int trial = 0; trial < TRIALS; trial++) {
                    String game = "race-" + trial;
                    revive.executeUpdate();
                    Claim.Claimed mine = (Claim.Claimed) a.claim(la, game);
                    int before = random.nextInt(MAX_SAVES_BEFORE + 1);
                    CountDownLatch warmedUp = new CountDownLatch(1);
                    AtomicLong lastAcked = new AtomicLong();
                    AtomicReference<Throwable> refusal = new AtomicReference<>();
                    Thread saver = Thread.ofPlatform().name("old-owner-" + trial).start(() -> {
                        try {
                            for (long r = 1; r <= MAX_SAVES; r++) {
                                if (r == before + 1) {
                                    warmedUp.countDown();
                                }
                                sa.save(game, new Saved<>(r, TestState.of("old", (int) r)));
                                lastAcked.set(r);
                            }
                        } catch (Throwable t) {
                            refusal.set(t);
                        } finally {
                            warmedUp.countDown();
                        }
                    });
                    assertThat(warmedUp.await(30, TimeUnit.SECONDS)).isTrue();
                    expire.executeUpdate();
                    Claim taken = b.claim(lb, game);
                    assertThat(taken).as("trial %d: the claim of the new owner", trial)
                            .isEqualTo(new Claim.Claimed(game, mine.fence() + 1));
                    long loaded = sb.newest(game).map(Saved::revision).orElse(0L);
                    sb.save(game, new Saved<>(loaded + 1, TestState.of("new", (int) loaded + 1)));
                    saver.join(TimeUnit.SECONDS.toMillis(60));
                    assertThat(saver.isAlive()).as("trial %d: the old owner's loop ended", trial).isFalse();
                    assertThat(refusal.get()).as("trial %d: the old owner's saves end refused by the fence", trial)
                            .isInstanceOfSatisfying(FencedOutException.class, e -> {
                                assertThat(e.fence()).isEqualTo(mine.fence());
                                assertThat(e.current()).isEqualTo(mine.fence() + 1); // by the database
                            });
                    assertThat(lastAcked.get()).as("trial %d: every save acknowledged to the old owner was loaded by "
                            + "the new one", trial).isLessThanOrEqualTo(loaded);
                    oldRows.setString(1, game);
                    oldRows.setLong(2, mine.fence());
                    try (ResultSet rs = oldRows.executeQuery()) {
                        rs.next();
                        assertThat(rs.getLong(1)).as("trial %d: newest version with the old fence", trial)
                                .isLessThanOrEqualTo(loaded);
                    }
                    assertThat(sb.newest(game).orElseThrow().state().player()).isEqualTo("new");
                    if (lastAcked.get() < before) {
                        refusedBeforeAnyTakeover++;
                    }
                }
                assertThat(refusedBeforeAnyTakeover).as("the old owner was refused before the takeover began").isZero();
            }
        }
    }
}
