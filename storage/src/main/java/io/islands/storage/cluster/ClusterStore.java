package io.islands.storage.cluster;

import io.islands.storage.CloseableStateStore;
import io.islands.storage.StateCodec;
import io.islands.storage.StateStores;
import java.util.List;
import java.util.Optional;

/**
 * One node's handle on the cluster's shared PostgreSQL: membership (a row per node start, its
 * <i>epoch</i>, with a lease and a session advisory lock), ownership of games (one owner per
 * game, with a <i>fence</i> number raised by every claim) and the fenced game store, whose saves
 * are refused once another node has claimed the game (docs/cluster.md, "Ownership and fencing").
 *
 * <table>
 *   <caption>Operations</caption>
 *   <tr><th>operation</th><th>returns</th><th>errors</th><th>atomicity</th></tr>
 *   <tr><td>{@link #join}</td><td>the node's lease, live, under a new epoch</td>
 *       <td>{@link io.islands.runtime.checkpoint.StoreException}; {@link IllegalStateException} if this
 *       handle has joined already</td><td>one transaction; any earlier epoch of the same node name is
 *       replaced (its process, if still running, learns it at its next renewal)</td></tr>
 *   <tr><td>{@link #members}</td><td>every node that has not left, live or not, by name</td>
 *       <td>StoreException</td><td>one statement (a snapshot)</td></tr>
 *   <tr><td>{@link #ownerOf}</td><td>the game's owner if that owner is live; empty otherwise</td>
 *       <td>StoreException</td><td>one statement</td></tr>
 *   <tr><td>{@link #claim}</td><td>{@link Claim.Claimed} with the new fence, or {@link Claim.OwnedBy} the
 *       live owner</td><td>StoreException (nothing changed), also when {@code me} is not live (by its own
 *       clock or the database's)</td><td>the owner and the raised fence are written in one transaction that holds the
 *       game's owner row: it serializes with every fenced save of the game</td></tr>
 *   <tr><td>{@link #claimSaved}</td><td>as {@link #claim}, or {@link Claim.Unsaved} if the game has no saved
 *       state (unless a live node owns it)</td><td>as {@link #claim}</td><td>as {@link #claim}: one statement
 *       reads whether the game is saved, and raises the fence only if it is (two more for a game never claimed);
 *       nothing is written for an unsaved game</td></tr>
 *   <tr><td>{@link #release}</td><td>whether this lease owned the game</td><td>StoreException</td>
 *       <td>one statement, which raises the game's fence (as a claim does: a save
 *       in flight of {@code me} commits before it or is refused)</td></tr>
 *   <tr><td>{@link #leave}</td><td>nothing: the node's games are released, its row marked left, its
 *       lock released; renewals stop</td><td>StoreException (the lease still ends by itself)</td>
 *       <td>one transaction</td></tr>
 * </table>
 *
 * <p>Liveness: a member is live while it has not left, its lease has not expired by the
 * database's clock, and its session advisory lock is held (so a killed node's games are free
 * as soon as PostgreSQL notices its closed connection, not only when its lease runs out).
 * Liveness decides who may claim; it does not decide safety: an owner that lost its game (a
 * paused or partitioned node) cannot commit, because every save of the fenced store checks
 * its fence against the game's owner row in the save's own statement.
 *
 * <p>Thread-safe. One handle per node process; tests run several in one JVM.
 */
public interface ClusterStore extends AutoCloseable {

    /**
     * Opens the cluster tables of the PostgreSQL store at {@code storeUrl} (the state store's
     * URL: same database, same schema, created or migrated as the state store is).
     *
     * @throws IllegalArgumentException if {@code storeUrl} is not a PostgreSQL store URL
     * @throws io.islands.runtime.checkpoint.StoreException if the database cannot be reached
     */
    static ClusterStore open(String storeUrl, ClusterOptions options) {
        return StateStores.openCluster(storeUrl, options);
    }

    /**
     * Joins the cluster as {@code node} under a new epoch: takes the epoch's session advisory
     * lock on a connection of its own, writes the node's row with a lease of {@link
     * ClusterOptions#lease} and starts renewing it every {@link ClusterOptions#renewEvery}. From
     * then on {@code listener} hears of every change of the lease (see {@link LeaseEvent}), on
     * the renewal thread; it must not block.
     *
     * @param node the node's name (unique in the cluster; 1–200 characters)
     * @param address where other nodes reach this one (for the mesh), free form, at most 200 characters
     */
    NodeLease join(String node, String address, LeaseListener listener);

    /** @return the members that have not left, ordered by node name, with their liveness */
    List<Member> members();

    /** @return the live owner of {@code game}, if it has one */
    Optional<Owner> ownerOf(String game);

    /**
     * Claims {@code game} for {@code me} unless a live node other than {@code me} owns it. A
     * game owned by {@code me} under its current epoch is returned as claimed with its fence
     * unchanged; otherwise the claim raises the fence by one. After {@link Claim.Claimed}, saves of
     * the game through {@link #gameStore} carry the new fence, and every save by an earlier owner
     * is refused.
     */
    Claim claim(NodeLease me, String game);

    /**
     * As {@link #claim}, for a game to be activated from its saved state: if the game has no
     * saved state in {@link #gameStore} (under the key {@code game}), and no live node other than
     * {@code me} owns it, returns {@link Claim.Unsaved} and claims nothing (no owner row is
     * written for a name never saved). The check and the claim are one round trip, so an
     * activation need not read the store first; its load, after the claim, reads the state
     * that the fence now protects.
     */
    Claim claimSaved(NodeLease me, String game);

    /**
     * Gives {@code game} up: the owner row forgets {@code me} and its fence is raised by one, and
     * {@code me} no longer holds a fence for it (dropped before the statement is sent: its saves
     * of the game are refused from now on). A stopping node releases each game as soon as its
     * process there has ended, so that another node claims it on its next call.
     *
     * @return whether {@code me} owned it
     */
    boolean release(NodeLease me, String game);

    /**
     * Leaves the cluster (a planned stop, SIGTERM): releases every game {@code me} owns, marks
     * its row left, stops renewing and closes its lock's connection. Idempotent.
     */
    void leave(NodeLease me);

    /**
     * The fenced state store of this node's games: a state store at the same URL whose saves
     * (and deletes) of a key are checked against the game's owner row, with the fence that the
     * current lease of this handle holds for that key. A key this node holds no fence for (never
     * claimed, released, or the lease was lost) is refused without a round trip. A refusal is a
     * {@link io.islands.runtime.checkpoint.FencedOutException} (a {@link
     * io.islands.runtime.checkpoint.StaleRevisionException}, so a checkpointed game stops at once);
     * reads are not fenced.
     *
     * @param historyDepth versions kept per key, at least 1
     */
    <S> CloseableStateStore<S> gameStore(StateCodec<S> codec, int historyDepth);

    /** @return this handle's counts so far (for metrics) */
    ClusterCounters counters();

    /** Leaves (if joined and not left yet) and closes the connections. Idempotent. */
    @Override
    void close();
}
