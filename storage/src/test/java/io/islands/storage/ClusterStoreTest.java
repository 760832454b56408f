package io.islands.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.islands.runtime.checkpoint.FencedOutException;
import io.islands.runtime.checkpoint.Saved;
import io.islands.runtime.checkpoint.StoreException;
import io.islands.storage.cluster.Claim;
import io.islands.storage.cluster.ClusterCounters;
import io.islands.storage.cluster.ClusterOptions;
import io.islands.storage.cluster.ClusterStore;
import io.islands.storage.cluster.LeaseEvent;
import io.islands.storage.cluster.Member;
import io.islands.storage.cluster.NodeLease;
import io.islands.runtime.testing.ChildJvm;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster's membership and ownership against a real PostgreSQL: join, claim, leave, a
 * killed node (a child JVM killed with SIGKILL; its lock connection closed abruptly), a paused
 * node, a node cut off from the database, and a database restart.
 */
class ClusterStoreTest {
    /** Leases long enough that only the advisory lock can make a killed node look dead within the awaits. */
    private static final ClusterOptions LONG_LEASE = ClusterOptions.defaults()
            .withLease(Duration.ofSeconds(30), Duration.ofMillis(100), Duration.ofSeconds(1));
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    private <T extends AutoCloseable> T opened(T c) {
        open.add(c);
        return c;
    }

    private PostgresCluster cluster(String url, ClusterOptions options) {
        return opened((PostgresCluster) ClusterStore.open(url, options));
    }

    /** Nodes a and b (addresses addr-a and addr-b) joined to a fresh schema at {@code url}, with long leases. */
    private record TwoNodes(String url, PostgresCluster a, PostgresCluster b, NodeLease la, NodeLease lb) {}

    private TwoNodes twoNodes() {
        String url = PostgresServer.freshUrl();
        PostgresCluster a = cluster(url, LONG_LEASE);
        PostgresCluster b = cluster(url, LONG_LEASE);
        return new TwoNodes(url, a, b, a.join("a", "addr-a", e -> {}), b.join("b", "addr-b", e -> {}));
    }

    /** Records a node's lease events. */
    private static final class Events {
        final List<LeaseEvent> seen = new CopyOnWriteArrayList<>();

        void add(LeaseEvent e) {
            seen.add(e);
        }

        boolean has(Class<? extends LeaseEvent> type) {
            return seen.stream().anyMatch(type::isInstance);
        }

        LeaseEvent.Lost lost() {
            return seen.stream().filter(LeaseEvent.Lost.class::isInstance).map(LeaseEvent.Lost.class::cast)
                    .findFirst().orElseThrow();
        }
    }

    @Test
    void nodesJoinUnderNewEpochsAndAreListedLive() {
        String url = PostgresServer.freshUrl();
        PostgresCluster a = cluster(url, LONG_LEASE);
        PostgresCluster b = cluster(url, LONG_LEASE);
        NodeLease la = a.join("a", "127.0.0.1:7001", e -> {});
        NodeLease lb = b.join("b", "127.0.0.1:7002", e -> {});
        assertThat(lb.epoch()).isGreaterThan(la.epoch());
        assertThat(la.live()).isTrue();
        List<Member> members = a.members();
        assertThat(members).extracting(Member::node, Member::epoch, Member::address, Member::live)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", la.epoch(), "127.0.0.1:7001", true),
                        org.assertj.core.groups.Tuple.tuple("b", lb.epoch(), "127.0.0.1:7002", true));
        assertThatThrownBy(() -> a.join("a", "x", e -> {})).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> b.claim(la, "g")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void openingPlansTheClaimOnEveryConnectionOfThePool() throws Exception {
        String app = "islands-warm-" + System.nanoTime();
        String url = PostgresServer.freshUrl() + "&ApplicationName=" + app; // pool_size=4
        cluster(url, LONG_LEASE);
        List<String> last = new ArrayList<>(); // each backend of the pool: the last statement it ran
        try (Connection c = PostgresServer.get().getPostgresDatabase().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT query FROM pg_stat_activity WHERE application_name = ?")) {
            ps.setString(1, app);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    last.add(rs.getString(1));
                }
            }
        }
        // four backends, each warmed by the claim's statements before anyone used the store (the last: the release)
        assertThat(last).hasSize(4).allSatisfy(q -> assertThat(q).startsWith("EXPLAIN UPDATE islands_owners"));
    }

    @Test
    void aClaimIsExclusiveRaisesTheFenceOnceAndNamesTheLiveOwner() {
        String url = PostgresServer.freshUrl();
        PostgresCluster a = cluster(url, LONG_LEASE);
        PostgresCluster b = cluster(url, LONG_LEASE);
        NodeLease la = a.join("a", "addr-a", e -> {});
        NodeLease lb = b.join("b", "addr-b", e -> {});
        assertThat(a.claim(la, "g")).isEqualTo(new Claim.Claimed("g", 1));
        assertThat(a.claim(la, "g")).isEqualTo(new Claim.Claimed("g", 1)); // mine already: fence unchanged
        assertThat(la.fenceOf("g")).hasValue(1);
        assertThat(b.claim(lb, "g")).isInstanceOfSatisfying(Claim.OwnedBy.class, o -> {
            assertThat(o.owner().node()).isEqualTo("a");
            assertThat(o.owner().epoch()).isEqualTo(la.epoch());
            assertThat(o.owner().address()).isEqualTo("addr-a");
        });
        assertThat(lb.fenceOf("g")).isEmpty();
        assertThat(b.ownerOf("g")).hasValueSatisfying(o -> assertThat(o.node()).isEqualTo("a"));
        assertThat(b.ownerOf("nobody-claimed-this")).isEmpty();
        assertThat(a.members()).filteredOn(m -> m.node().equals("a")).singleElement()
                .extracting(Member::gamesOwned).isEqualTo(1);
        assertThat(a.release(la, "g")).isTrue();
        assertThat(la.fenceOf("g")).isEmpty();
        assertThat(a.release(la, "g")).isFalse();
        assertThat(b.claim(lb, "g")).isEqualTo(new Claim.Claimed("g", 3)); // claim 1, release 2, claim 3
    }

    @Test
    void aFencedStoreSavesOnlyWhatItsNodeOwnsAndRefusesTheOldOwnerAfterATakeover() {
        TwoNodes two = twoNodes();
        PostgresCluster a = two.a();
        PostgresCluster b = two.b();
        NodeLease la = two.la();
        NodeLease lb = two.lb();
        CloseableStateStore<TestState> sa = opened(a.gameStore(TestCodec.INSTANCE, 3));
        CloseableStateStore<TestState> sb = opened(b.gameStore(TestCodec.INSTANCE, 3));
        assertThatThrownBy(() -> sa.save("g", v(1))).isInstanceOfSatisfying(FencedOutException.class,
                e -> assertThat(e.fence()).isZero()); // never claimed: refused without a round trip
        a.claim(la, "g");
        sa.save("g", v(1));
        sa.save("g", v(2));
        assertThatThrownBy(() -> sb.save("g", v(3))).isInstanceOf(FencedOutException.class);
        // a is taken over while it still believes it owns g: its lease expires in the database only
        a.pause(true);
        PostgresServer.sql("UPDATE " + schema(two.url()) + ".islands_nodes SET lease_until = clock_timestamp() "
                + "- interval '1 second' WHERE epoch = " + la.epoch());
        assertThat(b.claim(lb, "g")).isEqualTo(new Claim.Claimed("g", 2));
        assertThat(la.fenceOf("g")).hasValue(1); // a does not know yet
        assertThatThrownBy(() -> sa.save("g", v(3))).isInstanceOfSatisfying(FencedOutException.class, e -> {
            assertThat(e.fence()).isEqualTo(1);
            assertThat(e.current()).isEqualTo(2);
        });
        assertThatThrownBy(() -> sa.delete("g")).isInstanceOf(FencedOutException.class);
        assertThat(sb.versions("g")).extracting(Saved::revision).containsExactly(2L, 1L);
        sb.save("g", v(3));
        assertThat(sb.delete("g")).isTrue();
        assertThat(a.counters()).isEqualTo(new ClusterCounters(1, 0, 3)); // a claim; never claimed, save, delete
        assertThat(b.counters()).isEqualTo(new ClusterCounters(1, 1, 1)); // a takeover; the save before it
    }

    @Test
    void aClaimOfASavedGame_claimsOnlyASavedOne_andWritesNothingForANameNeverSaved() throws Exception {
        TwoNodes two = twoNodes();
        var a = two.a();
        var b = two.b();
        var la = two.la();
        var lb = two.lb();
        var sa = opened(a.gameStore(TestCodec.INSTANCE, 1));
        assertThat(a.claimSaved(la, "never")).isEqualTo(new Claim.Unsaved("never"));
        assertThat(la.fenceOf("never")).isEmpty();
        assertThat(ownerRows(two.url(), "never")).as("no owner row for a name never saved").isZero();

        assertThat(a.claim(la, "g")).isEqualTo(new Claim.Claimed("g", 1)); // as a new game's start claims it
        assertThat(a.claimSaved(la, "g")).as("mine, not saved yet").isEqualTo(new Claim.Unsaved("g"));
        sa.save("g", v(1));
        assertThat(a.claimSaved(la, "g")).isEqualTo(new Claim.Claimed("g", 1)); // mine already: fence unchanged
        assertThat(b.claimSaved(lb, "g")).isInstanceOfSatisfying(Claim.OwnedBy.class, o -> assertThat(o.owner().node()).isEqualTo("a"));
        assertThat(a.release(la, "g")).isTrue();
        assertThat(b.claimSaved(lb, "g")).isEqualTo(new Claim.Claimed("g", 3)); // claim 1, release 2, claim 3
        assertThat(lb.fenceOf("g")).hasValue(3);

        a.claim(la, "h"); // claimed, never saved, released: its row stays
        a.release(la, "h");
        assertThat(b.claimSaved(lb, "h")).isEqualTo(new Claim.Unsaved("h"));
        assertThat(lb.fenceOf("h")).isEmpty();
        assertThat(b.claim(lb, "h")).as("the unsaved claim raised nothing").isEqualTo(new Claim.Claimed("h", 3));
        assertThat(b.counters().claims()).as("Unsaved is no claim").isEqualTo(2);
    }

    private static long ownerRows(String url, String game) throws Exception {
        try (Connection c = DriverManager.getConnection(PostgresServer.jdbcUrl(url));
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM islands_owners WHERE game = ?")) {
            ps.setString(1, game);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void aNodeThatLeavesReleasesItsGamesAtOnce() {
        String url = PostgresServer.freshUrl();
        PostgresCluster a = cluster(url, LONG_LEASE);
        PostgresCluster b = cluster(url, LONG_LEASE);
        NodeLease la = a.join("a", "addr-a", e -> {});
        NodeLease lb = b.join("b", "addr-b", e -> {});
        a.claim(la, "g1");
        a.claim(la, "g2");
        a.leave(la);
        a.leave(la); // idempotent
        assertThat(la.live()).isFalse();
        assertThat(la.fenceOf("g1")).isEmpty();
        assertThat(b.members()).extracting(Member::node).containsExactly("b");
        assertThat(b.ownerOf("g1")).isEmpty();
        assertThat(b.claim(lb, "g1")).isEqualTo(new Claim.Claimed("g1", 3));
        assertThat(b.claim(lb, "g2")).isEqualTo(new Claim.Claimed("g2", 3));
    }

    @Test
    void aKilledNodeIsDeadAtOnceForTheOthersAndRejoinsUnderANewEpoch() {
        String url = PostgresServer.freshUrl();
        PostgresCluster a = cluster(url, LONG_LEASE);
        PostgresCluster b = cluster(url, LONG_LEASE);
        Events events = new Events();
        NodeLease la = a.join("a", "addr-a", events::add);
        NodeLease lb = b.join("b", "addr-b", e -> {});
        long first = la.epoch();
        a.claim(la, "g");
        CloseableStateStore<TestState> sa = opened(a.gameStore(TestCodec.INSTANCE, 3));
        sa.save("g", v(1));
        a.pause(true); // the "killed" node does nothing more by itself
        PostgresServer.sql("SELECT pg_terminate_backend(" + a.lockBackendPid() + ")"); // its connection closed abruptly
        // its lease runs for 30 s more: only the lock's release makes it dead within the await
        await().atMost(Duration.ofSeconds(5)).until(() -> b.claim(lb, "g") instanceof Claim.Claimed);
        assertThat(b.members()).filteredOn(m -> m.node().equals("a")).singleElement()
                .extracting(Member::live).isEqualTo(false);
        assertThatThrownBy(() -> sa.save("g", v(2))).isInstanceOf(FencedOutException.class);
        a.pause(false); // had it survived: it learns of the loss and rejoins
        await().atMost(Duration.ofSeconds(5)).until(() -> events.has(LeaseEvent.Rejoined.class));
        assertThat(events.lost().why()).isEqualTo(LeaseEvent.Why.LOCK_LOST);
        assertThat(events.lost().epoch()).isEqualTo(first);
        assertThat(la.epoch()).isGreaterThan(first);
        assertThat(la.live()).isTrue();
        assertThat(la.fenceOf("g")).isEmpty();
        assertThat(a.claim(la, "g")).isInstanceOf(Claim.OwnedBy.class);
    }

    @Test
    void aNodeKilledWithSigkillIsDeadForTheOthersAsSoonAsPostgresNoticesItsClosedConnection() throws Exception {
        String url = PostgresServer.freshUrl();
        PostgresCluster b = cluster(url, LONG_LEASE);
        NodeLease lb = b.join("b", "addr-b", e -> {});
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-cp", ChildJvm.classPath(ClusterNodeChild.class), ClusterNodeChild.class.getName(),
                url, "a").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long acked = 0;
        long killed = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                acked = Long.parseLong(line.substring("ack ".length()));
                if (acked == 20) {
                    killed = System.nanoTime();
                    child.toHandle().destroyForcibly(); // SIGKILL, mid-save; the lines written before are still read
                }
            }
        } finally {
            child.toHandle().destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(child.exitValue()).isEqualTo(137);
        assertThat(acked).isGreaterThanOrEqualTo(20);
        // its lease runs for 30 s: only the release of its advisory lock frees the game within the await
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                .until(() -> b.claim(lb, "g") instanceof Claim.Claimed);
        System.out.printf("SIGKILL -> claimed by another node: %d ms (lease 30 s)%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed));
        CloseableStateStore<TestState> sb = opened(b.gameStore(TestCodec.INSTANCE, 3));
        long loaded = sb.newest("g").orElseThrow().revision();
        assertThat(loaded).as("every acknowledged save is there").isBetween(acked, acked + 1);
        sb.save("g", v(loaded + 1));
    }

    @Test
    void aPausedNodeIsTakenOverAfterItsLeaseAndRejoinsWhenItResumes() {
        String url = PostgresServer.freshUrl();
        AtomicLong clock = new AtomicLong(); // a's clock stands still while it is paused, as a stopped JVM's would
        ClusterOptions shortLease = ClusterOptions.defaults()
                .withLease(Duration.ofMillis(600), Duration.ofMillis(100), Duration.ofMillis(150))
                .withNanoClock(clock::get);
        PostgresCluster a = cluster(url, shortLease);
        PostgresCluster b = cluster(url, LONG_LEASE);
        Events events = new Events();
        NodeLease la = a.join("a", "addr-a", events::add);
        NodeLease lb = b.join("b", "addr-b", e -> {});
        a.claim(la, "g");
        CloseableStateStore<TestState> sa = opened(a.gameStore(TestCodec.INSTANCE, 3));
        sa.save("g", v(1));
        a.pause(true);
        assertThat(b.claim(lb, "g")).isInstanceOf(Claim.OwnedBy.class); // its lease still runs
        await().atMost(Duration.ofSeconds(5)).until(() -> b.claim(lb, "g") instanceof Claim.Claimed);
        assertThat(la.live()).isTrue(); // by its own (stopped) clock
        assertThatThrownBy(() -> sa.save("g", v(2))).isInstanceOfSatisfying(FencedOutException.class,
                e -> assertThat(e.current()).isEqualTo(2)); // refused by the database, not by a's clock
        a.pause(false);
        await().atMost(Duration.ofSeconds(5)).until(() -> events.has(LeaseEvent.Rejoined.class));
        assertThat(events.lost().why()).isEqualTo(LeaseEvent.Why.EXPIRED);
        assertThat(la.fenceOf("g")).isEmpty();
    }

    @Test
    void aNodeWhoseRenewalsHangStopsActingAsOwnerBeforeItsLeaseEnds() throws Exception {
        String url = PostgresServer.freshUrl();
        ClusterOptions options = ClusterOptions.defaults()
                .withLease(Duration.ofSeconds(3), Duration.ofMillis(100), Duration.ofMillis(1500));
        PostgresCluster a = cluster(url, options);
        Events events = new Events();
        NodeLease la = a.join("a", "addr-a", events::add);
        a.claim(la, "g");
        long epoch = la.epoch();
        // the renewal blocks on the node's row, as it would on a network that stopped answering
        try (Connection c = DriverManager.getConnection(PostgresServer.jdbcUrl(url))) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SELECT 1 FROM islands_nodes WHERE epoch = " + epoch + " FOR UPDATE");
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> events.has(LeaseEvent.Lost.class));
            assertThat(events.lost().why()).isEqualTo(LeaseEvent.Why.UNREACHABLE);
            assertThat(la.fenceOf("g")).isEmpty();
            assertThat(la.live()).isFalse();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT lease_until > clock_timestamp() FROM islands_nodes WHERE epoch = " + epoch);
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getBoolean(1)).as("the database still counts the lease").isTrue();
            }
            c.rollback();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> events.has(LeaseEvent.Rejoined.class));
        assertThat(la.epoch()).isGreaterThan(epoch);
    }

    @Test
    void aNodeReportsLostWhenTheDatabaseStopsAndRejoinsAfterItsRestart(@TempDir Path data) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false)
                .setPort(port).start();
        try {
            String url = "postgresql://postgres@localhost:" + port + "/postgres?connect_timeout_ms=1000&pool_size=2";
            ClusterOptions options = ClusterOptions.defaults()
                    .withLease(Duration.ofMillis(1500), Duration.ofMillis(200), Duration.ofMillis(300));
            try (PostgresCluster a = (PostgresCluster) ClusterStore.open(url, options)) {
                Events events = new Events();
                NodeLease la = a.join("a", "addr-a", events::add);
                long first = la.epoch();
                a.claim(la, "g");
                pg.close();
                await().atMost(Duration.ofSeconds(10)).until(() -> events.has(LeaseEvent.Lost.class));
                assertThat(la.live()).isFalse();
                assertThat(la.fenceOf("g")).isEmpty();
                pg = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
                await().atMost(Duration.ofSeconds(20)).until(() -> events.has(LeaseEvent.Rejoined.class));
                assertThat(la.epoch()).isGreaterThan(first);
                assertThat(la.live()).isTrue();
                await().atMost(Duration.ofSeconds(5)).ignoreExceptionsInstanceOf(StoreException.class)
                        .untilAsserted(() -> assertThat(a.members()).singleElement().satisfies(m -> {
                            assertThat(m.epoch()).isEqualTo(la.epoch());
                            assertThat(m.live()).isTrue();
                        }));
                assertThat(a.claim(la, "g")).isEqualTo(new Claim.Claimed("g", 2)); // the old epoch's claim is void
            }
        } finally {
            pg.close();
        }
    }

    @Test
    void clusterNeedsAPostgresStore() {
        assertThatThrownBy(() -> ClusterStore.open("memory:", ClusterOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PostgreSQL");
        assertThatThrownBy(() -> ClusterOptions.defaults().withLease(Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClusterStore.open("postgresql://nobody@127.0.0.1:1/x?connect_timeout_ms=200",
                ClusterOptions.defaults())).isInstanceOf(StoreException.class);
    }

    static Saved<TestState> v(long revision) {
        return new Saved<>(revision, TestState.of("p", (int) revision));
    }

    static String schema(String url) {
        return url.replaceAll(".*currentSchema=([^&]+).*", "$1");
    }
}
