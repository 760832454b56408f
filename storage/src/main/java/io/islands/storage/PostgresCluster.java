package io.islands.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.islands.runtime.checkpoint.StoreException;
import io.islands.storage.cluster.Claim;
import io.islands.storage.cluster.ClusterCounters;
import io.islands.storage.cluster.ClusterOptions;
import io.islands.storage.cluster.ClusterStore;
import io.islands.storage.cluster.LeaseEvent;
import io.islands.storage.cluster.LeaseListener;
import io.islands.storage.cluster.Member;
import io.islands.storage.cluster.NodeLease;
import io.islands.storage.cluster.Owner;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ClusterStore} on PostgreSQL: tables {@code islands_nodes} and {@code islands_owners}
 * (migration 4 of {@link PostgresSchema}), claims and reads on the pool of a plain {@link
 * PostgresStore} (which also migrates the schema), the node's session advisory lock on a
 * connection of its own, and fenced game stores ({@link PostgresStore} with {@link Fences}).
 *
 * <p>Design note. Threads: callers (any thread) claim, release and read on pooled connections;
 * one timer with two named platform threads per joined node runs the renewal (every {@code
 * renewEvery}, on the lock connection) and the watchdog (every few tens of ms: declares the
 * lease lost when no renewal has succeeded for {@code lease - margin} by the node's clock, even
 * while a renewal hangs on a dead network). State: the lease's current {@link Epoch} is an
 * immutable epoch number with a concurrent map of the fences claimed under it and two volatile
 * fields (last renewal start, lost); a lost epoch is never live again: the next renewal joins
 * under a new epoch, a new {@link Epoch} object. The lock connection is used under {@code
 * connLock} only (renewal, rejoin, leave); the watchdog never takes it. Listener calls are
 * serialized by {@code events}. Safety does not rest on any of this timing: a save's fence is
 * compared with the owner row in the save's own statement.
 */
final class PostgresCluster implements ClusterStore {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresCluster.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    /** The longest node name or address accepted. */
    static final int MAX_NAME = 200;

    private final PostgresOptions pg;
    private final ClusterOptions options;
    private final PostgresStore store;
    /** The first key of every node's advisory lock: a hash of the schema, so schemas do not collide. */
    private final int lockClass;
    /** SQL: whether the nodes row aliased {@code n} is live (see {@link #live}). */
    private final String liveN;
    /** SQL: the claim, see {@link #claimSql}. */
    private final String claimSql;
    /** SQL: the claim of a game only if it has a saved state, see {@link #claimSql}. */
    private final String claimSavedSql;
    /** SQL: a game's live owner, see {@link #ownerOf}. */
    private final String ownerSql;
    /** SQL: a node gives a game up (parameters: game, epoch). */
    private static final String RELEASE = "UPDATE islands_owners SET node = NULL, epoch = NULL, fence = fence + 1, "
            + "claimed_at = NULL WHERE game = ? AND epoch = ?";
    private volatile Lease lease;
    private final LongAdder claims = new LongAdder();
    private final LongAdder takeovers = new LongAdder();
    private final LongAdder fencedOut = new LongAdder();

    PostgresCluster(PostgresOptions pg, ClusterOptions options) {
        this.pg = Objects.requireNonNull(pg, "pg");
        this.options = Objects.requireNonNull(options, "options");
        this.store = new PostgresStore(pg, 1); // migrates; its pool runs claims and reads
        try {
            this.lockClass = store.withConnection("read the schema", c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT hashtext(current_schema() || '.islands_nodes')");
                        ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        this.liveN = live("n");
        this.claimSql = claimSql(false);
        this.claimSavedSql = claimSql(true);
        this.ownerSql = "SELECT n.node, n.epoch, n.address, o.fence FROM islands_owners o "
                + "JOIN islands_nodes n ON n.epoch = o.epoch WHERE o.game = ? AND " + liveN;
        store.warmUp(List.of(claimSql, claimSavedSql, ownerSql, RELEASE)); // the hand-off's burst of claims finds every connection warm
    }

    /**
     * @return SQL true while the nodes row aliased {@code n} is live: not left, lease not expired
     *     by the database's clock, and its epoch's advisory lock granted to some session
     */
    private String live(String n) {
        return "(" + n + ".left_at IS NULL AND " + n + ".lease_until > clock_timestamp() AND EXISTS (SELECT 1 FROM pg_locks l "
                + "WHERE l.locktype = 'advisory' AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                + "AND l.classid::bigint = " + Integer.toUnsignedLong(lockClass) + " AND l.objid::bigint = " + n + ".epoch "
                + "AND l.objsubid = 2 AND l.granted))";
    }

    @Override
    public synchronized NodeLease join(String node, String address, LeaseListener listener) {
        requireName("node", node);
        requireName("address", address);
        Objects.requireNonNull(listener, "listener");
        if (lease != null) {
            throw new IllegalStateException("this cluster handle has joined already as " + lease.node);
        }
        Lease l = new Lease(node, address, listener);
        l.start();
        lease = l;
        return l;
    }

    private static void requireName(String what, String value) {
        Objects.requireNonNull(value, what);
        if (value.isEmpty() || value.length() > MAX_NAME) {
            throw new IllegalArgumentException(what + " must have 1 to " + MAX_NAME + " characters");
        }
    }

    @Override
    public List<Member> members() {
        String sql = "SELECT n.node, n.epoch, n.address, n.started_at, "
                + "(extract(epoch FROM clock_timestamp() - n.renewed_at) * 1000)::bigint, "
                + "(SELECT count(*) FROM islands_owners o WHERE o.epoch = n.epoch), " + liveN + " "
                + "FROM islands_nodes n WHERE n.left_at IS NULL ORDER BY n.node, n.epoch";
        return store.withConnection("list the cluster's members", c -> {
            List<Member> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Member(rs.getString(1), rs.getLong(2), rs.getString(3), Jdbc.instant(rs, 4),
                            Duration.ofMillis(Math.max(0, rs.getLong(5))), rs.getInt(6), rs.getBoolean(7)));
                }
            }
            return List.copyOf(out);
        });
    }

    @Override
    public Optional<Owner> ownerOf(String game) {
        Objects.requireNonNull(game, "game");
        return store.withConnection("read the owner of " + game, c -> {
            try (PreparedStatement ps = Jdbc.bind(c.prepareStatement(ownerSql), game); ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Owner(game, rs.getString(1), rs.getLong(2), rs.getString(3), rs.getLong(4)))
                        : Optional.empty();
            }
        });
    }

    /** The owner row of a game as a claim reads it, locked, and the fence the claim raised it to (0 if it did not). */
    private record OwnerRow(long epoch, long fence, String node, String address, boolean live, long raised, boolean saved) {}

    /** SQL true when the game of the statement's last parameter so far has a saved state (a row in the state table). */
    private static final String SAVED = "EXISTS (SELECT 1 FROM islands_states s WHERE s.key = ?)";

    /**
     * One statement, one round trip (autocommit): {@code cur} locks the game's owner row (FOR
     * UPDATE: it waits for a fenced save holding it FOR SHARE, then reads the row as that save
     * left it) and reads its owner's liveness; {@code took} raises the fence and records {@code me}
     * on the row it holds, only if {@code me} does not own it already, its owner is not live, and
     * {@code me} is live by the database's clock. No row: the game was never claimed.
     * Parameters: game, node, epoch, game, epoch, epoch; with {@code saved}, {@code took} also
     * requires the game to have a saved state, and the last column says whether it has one
     * (parameters: game, node, epoch, game, epoch, game, epoch, game); without, that column is
     * true.
     */
    private String claimSql(boolean saved) {
        return "WITH cur AS (SELECT o.epoch, o.fence, n.node, n.address, coalesce(" + liveN + ", false) AS live "
                + "FROM islands_owners o LEFT JOIN islands_nodes n ON n.epoch = o.epoch WHERE o.game = ? FOR UPDATE OF o), "
                + "took AS (UPDATE islands_owners SET node = ?, epoch = ?, fence = fence + 1, claimed_at = clock_timestamp() "
                + "WHERE game = ? AND (SELECT epoch FROM cur) IS DISTINCT FROM ? AND NOT (SELECT live FROM cur) "
                + (saved ? "AND " + SAVED + " " : "")
                + "AND EXISTS (SELECT 1 FROM islands_nodes n WHERE n.epoch = ? AND " + liveN + ") RETURNING fence) "
                + "SELECT cur.epoch, cur.fence, cur.node, cur.address, cur.live, coalesce((SELECT fence FROM took), 0), "
                + (saved ? SAVED : "true") + " FROM cur";
    }

    @Override
    public Claim claim(NodeLease me, String game) {
        return claim(me, game, false);
    }

    @Override
    public Claim claimSaved(NodeLease me, String game) {
        return claim(me, game, true);
    }

    private Claim claim(NodeLease me, String game, boolean saved) {
        Objects.requireNonNull(game, "game");
        Lease l = mine(me);
        Epoch e = l.current;
        if (!l.live(e)) {
            throw new StoreException("cannot claim " + game + ": the lease of node " + l.node + " (epoch " + e.epoch
                    + ") is not live");
        }
        boolean[] tookOver = new boolean[1];
        Claim claim = store.withConnection("claim " + game, c -> {
            OwnerRow row = ownerRow(c, saved, game, l.node, e.epoch);
            if (row == null) { // never claimed: its row first (once per game; with saved, only for a saved game), then the same claim
                if (saved) {
                    Jdbc.update(c, "INSERT INTO islands_owners (game) SELECT ? WHERE " + SAVED + " ON CONFLICT (game) DO NOTHING",
                            game, game);
                } else {
                    Jdbc.update(c, "INSERT INTO islands_owners (game) VALUES (?) ON CONFLICT (game) DO NOTHING", game);
                }
                row = ownerRow(c, saved, game, l.node, e.epoch);
                if (row == null) { // only with saved: no saved state, so no row was written
                    return new Claim.Unsaved(game);
                }
            }
            if (row.epoch == e.epoch) {
                return row.saved ? new Claim.Claimed(game, row.fence) : new Claim.Unsaved(game);
            }
            if (row.live) {
                return new Claim.OwnedBy(new Owner(game, row.node, row.epoch, row.address, row.fence));
            }
            if (!row.saved) {
                return new Claim.Unsaved(game);
            }
            if (row.raised == 0) {
                throw new SQLException("the lease of node " + l.node + " (epoch " + e.epoch
                        + ") is not live in the database", "IS001");
            }
            tookOver[0] = row.epoch != 0; // it had an owner, not live any more
            return new Claim.Claimed(game, row.raised);
        });
        if (claim instanceof Claim.Claimed(String g, long fence)) {
            claims.increment();
            if (tookOver[0]) {
                takeovers.increment();
            }
            e.claims.put(g, fence);
            if (e.lost.get()) { // lost meanwhile: its fences were dropped, this one goes too
                e.claims.remove(g);
            }
        }
        return claim;
    }

    private OwnerRow ownerRow(Connection c, boolean saved, String game, String node, long epoch) throws SQLException {
        try (PreparedStatement ps = saved
                ? Jdbc.bind(c.prepareStatement(claimSavedSql), game, node, epoch, game, epoch, game, epoch, game)
                : Jdbc.bind(c.prepareStatement(claimSql), game, node, epoch, game, epoch, epoch);
                ResultSet rs = ps.executeQuery()) {
            return rs.next()
                    ? new OwnerRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getBoolean(5),
                            rs.getLong(6), rs.getBoolean(7))
                    : null;
        }
    }

    @Override
    public boolean release(NodeLease me, String game) {
        Objects.requireNonNull(game, "game");
        Lease l = mine(me);
        Epoch e = l.current;
        e.claims.remove(game); // before the statement: no save of this node starts with its fence from now on
        return store.withConnection("release " + game, c -> Jdbc.update(c, RELEASE, game, e.epoch) > 0);
    }

    @Override
    public void leave(NodeLease me) {
        mine(me).leave();
    }

    @Override
    public <S> CloseableStateStore<S> gameStore(StateCodec<S> codec, int historyDepth) {
        Objects.requireNonNull(codec, "codec");
        if (historyDepth < 1) {
            throw new IllegalArgumentException("historyDepth must be >= 1, was " + historyDepth);
        }
        Fences fences = new Fences() {
            @Override
            public long fenceOf(String key) {
                return PostgresCluster.this.fenceOf(key);
            }

            @Override
            public void refused(String key) {
                fencedOut.increment();
            }
        };
        return new EncodedStateStore<>(new PostgresStore(pg, historyDepth, fences), codec, historyDepth);
    }

    @Override
    public ClusterCounters counters() {
        return new ClusterCounters(claims.sum(), takeovers.sum(), fencedOut.sum());
    }

    /** @return the fence this node's current lease holds for {@code key}; 0 if none */
    private long fenceOf(String key) {
        Lease l = lease;
        return l == null ? 0 : l.fenceOf(key).orElse(0);
    }

    private Lease mine(NodeLease me) {
        Objects.requireNonNull(me, "me");
        if (me != lease || !(me instanceof Lease l)) {
            throw new IllegalArgumentException("not a lease of this cluster handle: " + me.node());
        }
        return l;
    }

    /** Stops renewals and the watchdog without telling anyone: a paused node, for tests. */
    void pause(boolean paused) {
        lease.paused = paused;
    }

    /** @return the server process id of the lock connection's session (tests kill it) */
    int lockBackendPid() {
        return lease.lockBackendPid;
    }

    @Override
    public void close() {
        Lease l = lease;
        if (l != null) {
            try {
                l.leave();
            } catch (StoreException e) {
                LOG.warn("{}: leaving the cluster on close failed (the lease ends by itself): {}", l.node, e.getMessage());
            }
        }
        store.close();
    }

    /** One epoch of a node's membership. A lost epoch stays lost. */
    private static final class Epoch {
        final long epoch;
        final ConcurrentHashMap<String, Long> claims = new ConcurrentHashMap<>();
        final AtomicBoolean lost = new AtomicBoolean();
        /** The node's clock when the last successful renewal (or the join) was sent. */
        volatile long renewedAt;

        Epoch(long epoch, long renewedAt) {
            this.epoch = epoch;
            this.renewedAt = renewedAt;
        }
    }

    /** The node's lease: see the class's design note. */
    private final class Lease implements NodeLease {
        final String node;
        final String address;
        final LeaseListener listener;
        final Object events = new Object();
        final ReentrantLock connLock = new ReentrantLock();
        final HikariDataSource lockPool;
        final ScheduledThreadPoolExecutor timer;
        volatile Epoch current;
        volatile boolean left;
        volatile boolean paused;
        /** A replaced epoch does not rejoin: another process runs under this node's name. */
        volatile boolean replaced;
        volatile int lockBackendPid;
        /** Under connLock. */
        Connection lockConn;

        Lease(String node, String address, LeaseListener listener) {
            this.node = node;
            this.address = address;
            this.listener = listener;
            HikariConfig hc = PostgresStore.config(pg);
            hc.setPoolName("islands-cluster-lock-" + INSTANCES.incrementAndGet());
            hc.setMaximumPoolSize(1);
            hc.setMinimumIdle(0);
            hc.setInitializationFailTimeout(-1); // no connection at construction; join reports the failure
            this.lockPool = new HikariDataSource(hc);
            AtomicInteger threads = new AtomicInteger();
            this.timer = new ScheduledThreadPoolExecutor(2, r -> {
                Thread t = new Thread(r, "islands-cluster-" + node + "-" + (threads.incrementAndGet() == 1 ? "renewal" : "watchdog"));
                t.setDaemon(true);
                return t;
            });
        }

        /** Joins (throwing if it cannot), then starts the renewal and the watchdog. */
        void start() {
            connLock.lock();
            try {
                current = joinNow(0);
            } catch (SQLException e) {
                closeLockConn();
                lockPool.close();
                timer.shutdownNow();
                throw PostgresErrors.map(pg, "join the cluster as " + node, e);
            } finally {
                connLock.unlock();
            }
            long every = options.renewEvery().toMillis();
            timer.scheduleWithFixedDelay(this::renewal, every, every, TimeUnit.MILLISECONDS);
            long watch = Math.max(5, Math.min(50, options.margin().toMillis() / 2));
            timer.scheduleWithFixedDelay(this::watchdog, watch, watch, TimeUnit.MILLISECONDS);
        }

        /** Under connLock: a new epoch, its lock, its row (replacing earlier epochs of the node's name). */
        Epoch joinNow(long previous) throws SQLException {
            long sent = options.nanoClock().getAsLong();
            if (lockConn == null) {
                lockConn = lockPool.getConnection();
                lockConn.setAutoCommit(true);
                lockConn.setNetworkTimeout(Runnable::run, (int) options.lease().toMillis());
                try (PreparedStatement ps = lockConn.prepareStatement("SELECT pg_backend_pid()");
                        ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    lockBackendPid = rs.getInt(1);
                }
            } else if (previous > 0) {
                query(lockConn, "SELECT pg_advisory_unlock(?, ?)", lockClass, (int) previous);
            }
            long epoch;
            try (PreparedStatement ps = lockConn.prepareStatement("SELECT nextval('islands_node_epochs')");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                epoch = rs.getLong(1);
            }
            if (!query(lockConn, "SELECT pg_try_advisory_lock(?, ?)", lockClass, (int) epoch)) {
                throw new SQLException("the advisory lock of epoch " + epoch + " is held by another session");
            }
            lockConn.setAutoCommit(false);
            try {
                Jdbc.update(lockConn, "DELETE FROM islands_nodes WHERE node = ?", node);
                Jdbc.update(lockConn, "INSERT INTO islands_nodes (epoch, node, address, lease_until) "
                        + "VALUES (?, ?, ?, clock_timestamp() + ? * interval '1 millisecond')",
                        epoch, node, address, options.lease().toMillis());
                lockConn.commit();
            } catch (SQLException e) {
                lockConn.rollback();
                throw e;
            } finally {
                lockConn.setAutoCommit(true);
            }
            return new Epoch(epoch, sent);
        }

        private static boolean query(Connection c, String sql, Object... args) throws SQLException {
            try (PreparedStatement ps = Jdbc.bind(c.prepareStatement(sql), args); ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }

        /** Renews the lease; after a loss, joins again under a new epoch (unless replaced). */
        void renewal() {
            if (left || paused) {
                return;
            }
            connLock.lock();
            try {
                Epoch e = current;
                if (left) {
                    return;
                }
                if (e.lost.get()) {
                    if (!replaced) {
                        rejoin(e);
                    }
                    return;
                }
                renew(e);
            } catch (RuntimeException unexpected) {
                LOG.error("{}: lease renewal failed unexpectedly", node, unexpected);
            } finally {
                connLock.unlock();
            }
        }

        private void renew(Epoch e) {
            long sent = options.nanoClock().getAsLong();
            try {
                if (lockConn == null) {
                    lost(e, LeaseEvent.Why.LOCK_LOST, "no lock connection");
                    return;
                }
                int renewed = Jdbc.update(lockConn, "UPDATE islands_nodes SET renewed_at = clock_timestamp(), "
                        + "lease_until = clock_timestamp() + ? * interval '1 millisecond' "
                        + "WHERE epoch = ? AND left_at IS NULL AND lease_until > clock_timestamp()",
                        options.lease().toMillis(), e.epoch);
                if (renewed == 1) {
                    e.renewedAt = sent;
                    return;
                }
                try (PreparedStatement ps = Jdbc.bind(lockConn.prepareStatement(
                        "SELECT left_at IS NOT NULL FROM islands_nodes WHERE epoch = ?"), e.epoch);
                        ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || rs.getBoolean(1)) {
                        replaced = true;
                        lost(e, LeaseEvent.Why.REPLACED, "the epoch's row is gone: another start of node " + node
                                + " replaced it");
                    } else {
                        lost(e, LeaseEvent.Why.EXPIRED, "the lease had expired when it was renewed (the node was paused "
                                + "or cut off for longer than the lease)");
                    }
                }
            } catch (SQLException ex) {
                closeLockConn();
                lost(e, LeaseEvent.Why.LOCK_LOST, "the lock connection failed: " + PostgresErrors.why(pg, ex));
            }
        }

        private void rejoin(Epoch old) {
            try {
                Epoch next = joinNow(old.epoch);
                current = next;
                emit(new LeaseEvent.Rejoined(node, next.epoch, old.epoch));
            } catch (SQLException ex) {
                closeLockConn();
                LOG.debug("{}: rejoining failed, trying again: {}", node, ex.getMessage());
            }
        }

        /** Under connLock. */
        private void closeLockConn() {
            if (lockConn != null) {
                Connection c = lockConn;
                lockConn = null;
                try {
                    lockPool.evictConnection(c);
                    c.close();
                } catch (SQLException | RuntimeException ignored) {
                    // gone already
                }
            }
        }

        void watchdog() {
            Epoch e = current;
            if (left || paused || e.lost.get()) {
                return;
            }
            if (options.nanoClock().getAsLong() - e.renewedAt >= ownerNanos()) {
                lost(e, LeaseEvent.Why.UNREACHABLE, "no renewal succeeded for " + options.lease().minus(options.margin())
                        .toMillis() + " ms");
            }
        }

        private long ownerNanos() {
            return options.lease().minus(options.margin()).toNanos();
        }

        /** Marks {@code e} lost once: its fences are dropped, then the listener hears of it. */
        void lost(Epoch e, LeaseEvent.Why why, String detail) {
            if (e.lost.compareAndSet(false, true)) {
                e.claims.clear();
                LOG.warn("{}: lease of epoch {} lost ({}): {}", node, e.epoch, why, detail);
                emit(new LeaseEvent.Lost(node, e.epoch, why, detail));
            }
        }

        private void emit(LeaseEvent event) {
            synchronized (events) {
                try {
                    listener.changed(event);
                } catch (RuntimeException ex) {
                    LOG.error("{}: the lease listener failed on {}", node, event, ex);
                }
            }
        }

        boolean live(Epoch e) {
            return !left && !e.lost.get() && options.nanoClock().getAsLong() - e.renewedAt < ownerNanos();
        }

        @Override
        public String node() {
            return node;
        }

        @Override
        public long epoch() {
            return current.epoch;
        }

        @Override
        public boolean live() {
            return live(current);
        }

        @Override
        public OptionalLong fenceOf(String game) {
            Epoch e = current;
            Long fence = live(e) ? e.claims.get(game) : null;
            return fence == null ? OptionalLong.empty() : OptionalLong.of(fence);
        }

        /** Releases every game, marks the row left, closes the lock connection. Idempotent. */
        void leave() {
            if (left) {
                return;
            }
            left = true; // no fence is handed out from now on
            Epoch e = current;
            e.claims.clear();
            timer.shutdownNow();
            connLock.lock();
            try {
                store.inTransaction("leave the cluster as " + node, c -> {
                    try (PreparedStatement lock = Jdbc.bind(c.prepareStatement(
                            "SELECT game FROM islands_owners WHERE epoch = ? ORDER BY game FOR UPDATE"), e.epoch)) {
                        lock.executeQuery().close();
                    }
                    Jdbc.update(c, "UPDATE islands_owners SET node = NULL, epoch = NULL, fence = fence + 1, "
                            + "claimed_at = NULL WHERE epoch = ?", e.epoch);
                    Jdbc.update(c, "UPDATE islands_nodes SET left_at = clock_timestamp() WHERE epoch = ?", e.epoch);
                    return null;
                });
            } finally {
                closeLockConn(); // its session's lock goes with it
                lockPool.close();
                connLock.unlock();
            }
        }

        @Override
        public String toString() {
            return "NodeLease[" + node + ", epoch " + current.epoch + (live() ? ", live" : ", not live") + "]";
        }
    }
}
