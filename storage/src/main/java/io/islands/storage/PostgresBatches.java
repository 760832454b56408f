package io.islands.storage;

import io.islands.runtime.checkpoint.FencedOutException;
import io.islands.runtime.checkpoint.StaleRevisionException;
import io.islands.storage.internal.GroupCommit;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Saves and reads of many keys in one PostgreSQL statement each: what the store's {@link
 * GroupCommit} lanes run. A save round is one multi-row statement (one round trip, one implicit
 * transaction, so one commit) that checks each row's revision by itself and reports each row's
 * outcome; a read is one statement returning the versions of every key asked for.
 */
final class PostgresBatches {
    private PostgresBatches() {}

    /** One caller's save. */
    static final class Save extends GroupCommit.Job<Void> {
        final String key;
        final long revision;
        final String json;
        final long fence;

        /** A save by the game's owner of fence 0 (the one node of today: no fencing). */
        Save(String key, long revision, String json) {
            this(key, revision, json, 0);
        }

        /**
         * @param fence the saving node's ownership number for the key: refused if a version of the
         *     key was saved with a higher one (a newer owner took the game over)
         */
        Save(String key, long revision, String json, long fence) {
            super("save " + key + " revision " + revision);
            this.key = key;
            this.revision = revision;
            this.json = json;
            this.fence = fence;
        }
    }

    /** One caller's read of a key's newest {@code limit} versions. */
    static final class VersionsRead extends GroupCommit.Job<List<RawVersion>> {
        final String key;
        final int limit;

        VersionsRead(String key, int limit) {
            super("read " + key);
            this.key = key;
            this.limit = limit;
        }
    }

    /**
     * Inserts each row whose revision is the key's newest + 1 (0: none) and whose fence is at
     * least the newest version's, skips the others, trims the history of the keys saved, and
     * returns for each input row (ord, saved, newest revision before, the fence it was checked
     * against). Parameters: keys text[], revisions bigint[], states text[], fences bigint[],
     * history depth. The keys must be distinct. Two stores racing for the same (key, revision)
     * both pass the check; the primary key makes the later one skip its row ({@code ON CONFLICT DO
     * NOTHING} waits for the earlier one's transaction), so it is reported as not saved.
     */
    static final String SAVE_ROWS = saveRows(false);

    /**
     * As {@link #SAVE_ROWS} (parameters: the same, with the keys again before the depth), for a
     * cluster node's fenced store: a row is inserted only if its fence equals the fence of the
     * key's owner row in {@code islands_owners} (0 if the key has none), which the statement locks
     * {@code FOR SHARE} first (in key order, so that two statements lock in the same order). A claim updates that row (a row lock that conflicts), so
     * a save and a claim of the same game serialize: a save that locked the row first commits
     * before the claim does, and one that comes after the claim sees the new fence (PostgreSQL
     * re-reads a row updated while it waited) and is refused.
     */
    static final String SAVE_ROWS_FENCED = saveRows(true);

    private static String saveRows(boolean fenced) {
        return "WITH input AS (SELECT * FROM unnest(?::text[], ?::bigint[], ?::text[], ?::bigint[]) "
                + "WITH ORDINALITY AS i(key, revision, state, fence, ord)), "
                + (fenced ? "owners AS (SELECT o.game, o.fence FROM islands_owners o "
                        + "WHERE o.game = ANY (?::text[]) ORDER BY o.game FOR SHARE), " : "")
                + "checked AS (SELECT i.ord, i.key, i.revision, i.state, i.fence, coalesce(n.revision, 0) AS newest, "
                + (fenced ? "coalesce(w.fence, 0) AS owner FROM input i LEFT JOIN owners w ON w.game = i.key "
                        : "coalesce(n.fence, 0) AS owner FROM input i ")
                + "LEFT JOIN LATERAL (SELECT s.revision, s.fence "
                + "FROM islands_states s WHERE s.key = i.key ORDER BY s.revision DESC LIMIT 1) n ON true), "
                + "ins AS (INSERT INTO islands_states (key, revision, state, fence) "
                + "SELECT key, revision, CAST(state AS json), fence FROM checked WHERE newest = revision - 1 AND "
                + (fenced ? "fence = owner " : "fence >= owner ")
                + "ON CONFLICT (key, revision) DO NOTHING RETURNING key), "
                + "trimmed AS (DELETE FROM islands_states s USING checked c, ins "
                + "WHERE ins.key = c.key AND s.key = c.key AND s.revision <= c.revision - ?) "
                + "SELECT c.ord, EXISTS (SELECT 1 FROM ins WHERE ins.key = c.key), c.newest, c.owner FROM checked c";
    }

    /** Parameters: keys text[], the most versions per key. Rows: (ord, revision, json, saved_at), newest first per key. */
    static final String READ_ROWS = "SELECT i.ord, v.revision, v.state::text, v.saved_at "
            + "FROM unnest(?::text[]) WITH ORDINALITY AS i(key, ord) CROSS JOIN LATERAL "
            + "(SELECT revision, state, saved_at FROM islands_states s WHERE s.key = i.key "
            + "ORDER BY revision DESC LIMIT ?) v ORDER BY i.ord, v.revision DESC";

    /**
     * Splits saves into rounds of distinct keys, in arrival order: a key saved twice in one batch
     * (two incarnations of one game racing) has its second save in the next round, which sees the first.
     */
    static List<List<Save>> rounds(List<Save> batch) {
        List<List<Save>> rounds = new ArrayList<>();
        List<Set<String>> keys = new ArrayList<>();
        for (Save s : batch) {
            int r = 0;
            while (r < rounds.size() && keys.get(r).contains(s.key)) {
                r++;
            }
            if (r == rounds.size()) {
                rounds.add(new ArrayList<>());
                keys.add(new HashSet<>());
            }
            rounds.get(r).add(s);
            keys.get(r).add(s.key);
        }
        return rounds;
    }

    /** As {@link #saveRound(Connection, List, int, boolean)}, unfenced. */
    static StaleRevisionException[] saveRound(Connection c, List<Save> round, int depth) throws SQLException {
        return saveRound(c, round, depth, false);
    }

    /**
     * Runs one round (distinct keys) as one statement. Call with auto-commit on: the statement is
     * then its own transaction, committed before the driver returns its rows.
     *
     * @param fenced run {@link #SAVE_ROWS_FENCED} (a cluster node's store), else {@link #SAVE_ROWS}
     * @return per save, in order: null if stored, else its own {@link StaleRevisionException}
     *     (a {@link FencedOutException} for a fenced save whose fence is not the owner row's)
     * @throws SQLException if the statement failed: nothing of the round is stored
     */
    static StaleRevisionException[] saveRound(Connection c, List<Save> round, int depth, boolean fenced)
            throws SQLException {
        int n = round.size();
        String[] keys = new String[n];
        Long[] revisions = new Long[n];
        String[] states = new String[n];
        Long[] fences = new Long[n];
        for (int i = 0; i < n; i++) {
            Save s = round.get(i);
            keys[i] = s.key;
            revisions[i] = s.revision;
            states[i] = s.json;
            fences[i] = s.fence;
        }
        boolean[] saved = new boolean[n];
        long[] newest = new long[n];
        long[] owner = new long[n];
        Array k = c.createArrayOf("text", keys);
        Array r = c.createArrayOf("bigint", revisions);
        Array j = c.createArrayOf("text", states);
        Array f = c.createArrayOf("bigint", fences);
        try (PreparedStatement ps = fenced ? Jdbc.bind(c.prepareStatement(SAVE_ROWS_FENCED), k, r, j, f, k, depth)
                : Jdbc.bind(c.prepareStatement(SAVE_ROWS), k, r, j, f, depth);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                int i = rs.getInt(1) - 1;
                saved[i] = rs.getBoolean(2);
                newest[i] = rs.getLong(3);
                owner[i] = rs.getLong(4);
            }
        } finally {
            k.free();
            r.free();
            j.free();
            f.free();
        }
        StaleRevisionException[] refused = new StaleRevisionException[n];
        for (int i = 0; i < n; i++) {
            Save s = round.get(i);
            if (!saved[i] && fenced && s.fence != owner[i]) {
                refused[i] = new FencedOutException(s.key, s.revision, s.fence, owner[i]);
            } else if (!saved[i]) {
                // newest + 1 == revision and not fenced, but not inserted: another store committed
                // this revision first. Fenced: a newer owner has the game; this one is stale too.
                boolean raced = newest[i] == s.revision - 1 && s.fence >= owner[i];
                refused[i] = new StaleRevisionException(s.key, raced ? s.revision : newest[i], s.revision);
            }
        }
        return refused;
    }

    /** Completes each save of {@code round} with its outcome from {@link #saveRound}. */
    static void complete(List<Save> round, StaleRevisionException[] refused) {
        for (int i = 0; i < round.size(); i++) {
            if (refused[i] == null) {
                round.get(i).done.complete(null);
            } else {
                round.get(i).fail(refused[i]);
            }
        }
    }

    /**
     * Reads every key of {@code reads} in one statement and completes each read.
     *
     * @throws SQLException if the statement failed: no read is completed
     */
    static void read(Connection c, List<VersionsRead> reads) throws SQLException {
        int n = reads.size();
        String[] keys = new String[n];
        int limit = 1;
        List<List<RawVersion>> found = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            keys[i] = reads.get(i).key;
            limit = Math.max(limit, reads.get(i).limit);
            found.add(new ArrayList<>());
        }
        Array k = c.createArrayOf("text", keys);
        try (PreparedStatement ps = Jdbc.bind(c.prepareStatement(READ_ROWS), k, limit);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                int i = rs.getInt(1) - 1;
                if (found.get(i).size() < reads.get(i).limit) {
                    found.get(i).add(new RawVersion(rs.getLong(2), rs.getString(3), Jdbc.instant(rs, 4)));
                }
            }
        } finally {
            k.free();
        }
        for (int i = 0; i < n; i++) {
            reads.get(i).done.complete(List.copyOf(found.get(i)));
        }
    }
}
