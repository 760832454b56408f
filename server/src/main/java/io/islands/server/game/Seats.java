package io.islands.server.game;

import io.islands.runtime.From;
import io.islands.runtime.GenServer;
import io.islands.runtime.InitResult;
import io.islands.runtime.Name;
import io.islands.runtime.Result;
import io.islands.runtime.checkpoint.Saved;
import io.islands.runtime.checkpoint.StateStore;
import io.islands.runtime.supervisor.ChildSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Seat tokens (docs/protocol.md §2.1): a seat binds a screen name to a game; the first join of a
 * name takes a seat and gets a random token, later joins must show it. Two seats per game, one
 * of them kept for the game's own name (player 1), so two other names can never lock player 1
 * out of their game.
 *
 * <p>Persistence: one {@link SeatsRecord} per game, under the game's name in the key space
 * {@link #SPACE} of the store given (stored as {@code "seats:<game>"}, see
 * {@link io.islands.storage.KeySpace}). The server opens it from the same URL as the game store,
 * so seats live in the same SQLite file / PostgreSQL table as the games and survive restarts
 * with them ({@code memory:} gives a separate memory store); {@code islands store list} shows
 * both.
 *
 * <p>Lifecycle: seats live and die with their game. A record whose game was started and is gone
 * (stopped, idled out: neither a process nor a saved state) is stale; so is one whose game was
 * never started within {@code unstartedExpiry}. A stale record counts as no record for a join
 * (the name is free again) and for {@link #holds}, and {@link #releaseIfStale} deletes it (the
 * server's {@link SeatSweeper} calls it for every record); {@link #release} deletes the seats of
 * a game stopped on purpose.
 *
 * <p>Tokens are stored hashed ({@code sha256:} and the URL-safe Base64 of the token's SHA-256;
 * a token is 24 random bytes, so no salt or slow hash is needed): a copy of the store gives no
 * seat. A record written before hashing holds plain tokens; such a token is still accepted
 * (compared in constant time) and replaced by its hash on that join (docs/security.md).
 *
 * <p>Design note: every read-modify-write of a seat record (claim, mark started, release) runs
 * in one process, the seat keeper, registered under the name given and supervised by the server
 * ({@link #childSpec}): they happen one at a time over all games (joins are rare), so two first
 * joins cannot both take the last seat. Callers on any thread send it a request by name and wait
 * up to {@link #KEEPER_TIMEOUT}; a store error inside is handed back to the caller and thrown
 * there, as if the caller had done the write (the keeper goes on). If the keeper dies, its
 * supervisor starts a new one under the same name; a call in that moment fails with an {@link
 * io.islands.runtime.ExitException}. {@link #holds} and {@link #games} only read the store, on
 * the caller's thread. This object is immutable.
 */
public final class Seats {
    /** The key space of seat records in the shared store. */
    public static final String SPACE = "seats";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The prefix of a hashed token in a record. */
    static final String HASHED = "sha256:";
    /** The shortest token a client may propose for a seat: as long as one this class makes (24 random bytes). */
    static final int MIN_PROPOSED = 32;
    private static final int MAX_PROPOSED = 128;

    /** What a join gets: a seat with its token (and a new invitation, if one was asked for), or a refusal. */
    public sealed interface Claim {
        /**
         * @param invitation the invitation issued by this claim, or null
         * @param taken whether this claim took the seat (a first join), not re-entered it
         * @param gameUnchecked the seat was re-entered in the record of a started game without
         *     asking whether that game still exists ({@link #claimBeforeGameCall}): the caller's
         *     own call of the game tells, and if it finds none, the caller claims again with
         *     {@link #claim}, which sees the record stale and replaces it
         */
        record Seated(String token, String invitation, boolean taken, boolean gameUnchecked) implements Claim {
            @Override
            public String toString() {
                return "Seated[<redacted>]";
            }
        }

        /** @param reason {@code unauthorized} (no free seat, or a wrong token) or {@code invitation_required} */
        record Refused(String reason) implements Claim {}
    }

    private static final Claim.Refused UNAUTHORIZED = new Claim.Refused("unauthorized");
    private static final Claim.Refused INVITATION_REQUIRED = new Claim.Refused("invitation_required");

    /**
     * What a join asks for besides its seat.
     *
     * @param token      the seat token the client holds, or null
     * @param invitation the invitation the client was given (for the second seat), or null
     * @param invite     player 1 asks for a new invitation: issued (replacing an older one) while
     *                   the second seat is free
     */
    public record Ask(String token, String invitation, boolean invite) {
        @Override
        public String toString() {
            return "Ask[invite=" + invite + "]";
        }
    }

    private final StateStore<SeatsRecord> store;
    private final Predicate<String> gameExists;
    private final LongSupplier clockMillis;
    private final Duration unstartedExpiry;
    private final Name keeper;

    /** How long a caller waits for the seat keeper. */
    static final Duration KEEPER_TIMEOUT = Duration.ofSeconds(30);

    /**
     * @param store           where the records are kept, keyed by game name (the server gives a key space)
     * @param gameExists      whether a game has a process or a saved state now
     * @param clockMillis     now, in epoch milliseconds
     * @param unstartedExpiry how long seats may wait for their game to be started
     * @param keeper          the name of the seat keeper process; start it with {@link #childSpec}
     */
    public Seats(StateStore<SeatsRecord> store, Predicate<String> gameExists, LongSupplier clockMillis,
            Duration unstartedExpiry, Name keeper) {
        this.store = Objects.requireNonNull(store, "store");
        this.gameExists = Objects.requireNonNull(gameExists, "gameExists");
        this.clockMillis = Objects.requireNonNull(clockMillis, "clockMillis");
        this.unstartedExpiry = Objects.requireNonNull(unstartedExpiry, "unstartedExpiry");
        this.keeper = Objects.requireNonNull(keeper, "keeper");
    }

    /** @return a permanent worker spec of the seat keeper, registered under the name given to this object */
    public ChildSpec childSpec(Object id) {
        return ChildSpec.worker(id, () -> GenServer.startLink(new Keeper(), GenServer.StartOptions.named(keeper)));
    }

    /** The requests of the seat keeper, each answered with a {@link Done}. */
    private sealed interface Write {
        record Claim(String game, String screenName, Ask ask) implements Write {}

        record MarkStarted(String game) implements Write {}

        record ReleaseIfStale(String game) implements Write {}

        record Release(String game) implements Write {}

        record GiveBack(String game, String screenName, String token) implements Write {}
    }

    /** A keeper's answer: the value, or the exception to throw in the caller. */
    private record Done(Object value, RuntimeException failure) {}

    /** The seat keeper: runs each {@link Write} in its own process, one at a time. Stateless. */
    private final class Keeper implements GenServer<Boolean> {
        @Override
        public InitResult<Boolean> init() {
            return InitResult.ok(Boolean.TRUE);
        }

        @Override
        public Result<Boolean> handleCall(Object request, From from, Boolean state) {
            if (!(request instanceof Write w)) {
                throw new IllegalArgumentException("not a seat write: " + request);
            }
            Done done;
            try {
                done = new Done(switch (w) {
                    case Write.Claim c -> claimNow(c.game(), c.screenName(), c.ask());
                    case Write.MarkStarted m -> {
                        markStartedNow(m.game());
                        yield Boolean.TRUE;
                    }
                    case Write.ReleaseIfStale r -> releaseIfStaleNow(r.game());
                    case Write.Release r -> store.delete(r.game());
                    case Write.GiveBack g -> giveBackNow(g.game(), g.screenName(), g.token());
                }, null);
            } catch (RuntimeException e) {
                done = new Done(null, e);
            }
            return Result.reply(done, state);
        }
    }

    /** Runs {@code write} in the seat keeper. @throws RuntimeException what the write threw there */
    private Object keep(Write write) {
        Done done = (Done) GenServer.call(keeper, write, KEEPER_TIMEOUT);
        if (done.failure() != null) {
            throw done.failure();
        }
        return done.value();
    }

    /**
     * Whether the channel of {@code screenName} holding {@code token} still has its seat in
     * {@code game}: the record is there, not stale, and holds that name with that token. Reads
     * the store on the caller's thread (not through the seat keeper); a game channel asks on every push.
     */
    public boolean holds(String game, String screenName, String token) {
        Optional<Saved<SeatsRecord>> latest = store.newest(game);
        if (latest.isEmpty() || stale(game, latest.get().state())) {
            return false;
        }
        String held = latest.get().state().tokens().get(screenName);
        return held != null && token != null && matches(held, token);
    }

    /**
     * {@link #holds} without asking whether the game still exists: the record is there and holds
     * that name with that token, and it is not an unstarted record past its expiry (decided by the
     * clock alone). For a caller whose next step is a call to the game itself, which fails
     * NOT_FOUND when the game is gone: that caller then asks {@link #holds}, and a false answer
     * means the seat went with its game. One store read, on the caller's thread; in a cluster it
     * spares the read of a game that runs on another node.
     */
    public boolean holdsToken(String game, String screenName, String token) {
        Optional<Saved<SeatsRecord>> latest = store.newest(game);
        if (latest.isEmpty()) {
            return false;
        }
        SeatsRecord record = latest.get().state();
        if (!record.started() && expired(record) && !gameExists.test(game)) {
            return false;
        }
        String held = record.tokens().get(screenName);
        return held != null && token != null && matches(held, token);
    }

    /**
     * The seat record of {@code game} as a join would see it: empty when there is none or it is
     * stale (its game is gone, or was never started in time). Reads the store on the caller's
     * thread; the record may change right after (the lobby re-reads it on each change).
     */
    public Optional<SeatsRecord> live(String game) {
        return store.newest(game).map(Saved::state).filter(r -> !stale(game, r));
    }

    /** Notes that {@code game} was started (its seats no longer expire unstarted). In the seat keeper. */
    public void markStarted(String game) {
        keep(new Write.MarkStarted(game));
    }

    private void markStartedNow(String game) {
        Optional<Saved<SeatsRecord>> latest = store.newest(game);
        if (latest.isPresent() && !latest.get().state().started()) {
            store.save(game, new Saved<>(latest.get().revision() + 1, latest.get().state().markStarted()));
        }
    }

    /** @return the games that have seat records (stale ones included) */
    public List<String> games() {
        return store.keys();
    }

    /**
     * Deletes the seats of {@code game} if they are stale (their game ended, or was never
     * started in time).
     *
     * @return true when they were deleted
     */
    public boolean releaseIfStale(String game) {
        return (Boolean) keep(new Write.ReleaseIfStale(game));
    }

    private boolean releaseIfStaleNow(String game) {
        Optional<Saved<SeatsRecord>> latest = store.newest(game);
        return latest.isPresent() && stale(game, latest.get().state()) && store.delete(game);
    }

    private boolean stale(String game, SeatsRecord seats) {
        return (seats.started() || expired(seats)) && !gameExists.test(game); // the clock first: no read of a game for a fresh record
    }

    private boolean expired(SeatsRecord seats) {
        return clockMillis.getAsLong() - seats.created() >= unstartedExpiry.toMillis();
    }

    /**
     * Takes or re-enters the seat of {@code screenName} in {@code game}. In the seat keeper, so serialized
     * over all games (joins are rare): two first joins cannot both take the last seat.
     *
     * A join that shows a token for a seat it does not hold yet (a client's own random token,
     * {@link #proposable}) takes the seat under that token, so that it can retry a join whose
     * reply it never got; any other join takes it under a new random token.
     *
     * Invitations: a game whose record holds one (asked for by player 1, see {@link Ask#invite})
     * gives its second seat only to a join that shows it; a game without one gives it to the
     * first other name, as in the book.
     */
    public Claim claim(String game, String screenName, Ask ask) {
        return claim(game, screenName, ask, true);
    }

    /**
     * {@link #claim} for a join whose next step is a call of the game itself (its view): a
     * token's rejoin of its seat in a started game is answered with one read of the seat record,
     * without the read of the game that asks whether it still exists, and the seat says so
     * ({@link Claim.Seated#gameUnchecked}). If the caller's call then finds no game, the record
     * is stale (its game ended or was stopped, and its seats were not released yet): the caller
     * claims again with {@link #claim}, which replaces it, as this claim would have. Everything
     * else is {@link #claim}. So the rejoins of a stopped cluster node's players at once (each
     * on a survivor that does not run its game yet) read the game once, not twice.
     */
    public Claim claimBeforeGameCall(String game, String screenName, Ask ask) {
        return claim(game, screenName, ask, false);
    }

    private Claim claim(String game, String screenName, Ask ask, boolean checkGame) {
        Claim.Seated back = reentry(game, screenName, ask, checkGame);
        return back != null ? back : (Claim) keep(new Write.Claim(game, screenName, ask));
    }

    /**
     * A join that shows the token of a seat it holds, and asks for nothing new, changes nothing:
     * it is answered here, on the caller's thread, with one read (the keeper would re-read and
     * write nothing). So the rejoins of many players at once (a node's planned stop sends them all
     * to the others) do not queue behind each other in the keeper.
     *
     * @return the seat, or null: the keeper decides (no token, a new invitation asked, no record,
     *     a stale one, an unhashed token to replace, or a token that does not match)
     */
    private Claim.Seated reentry(String game, String screenName, Ask ask, boolean checkGame) {
        if (ask.token() == null || ask.invite()) {
            return null;
        }
        Optional<Saved<SeatsRecord>> latest = store.newest(game);
        if (latest.isEmpty()) {
            return null;
        }
        SeatsRecord record = latest.get().state();
        String held = record.tokens().get(screenName);
        boolean unchecked = !checkGame && record.started();
        if (held == null || !held.startsWith(HASHED) || !matches(held, ask.token()) || (!unchecked && stale(game, record))) {
            return null;
        }
        return new Claim.Seated(ask.token(), null, false, unchecked);
    }

    /**
     * Deletes the seats of {@code game}, so a new game of that name starts with free seats. Called
     * when the game is stopped (its saved state deleted), not when its process merely idles out.
     *
     * @return true when there were seats
     * @throws io.islands.runtime.checkpoint.StoreException when the store cannot delete
     */
    public boolean release(String game) {
        return (Boolean) keep(new Write.Release(game));
    }

    /**
     * Gives back the seat a join has just taken when that join fails after all (its reply, which
     * carries the new token, is never sent): without this the seat would stay held by a token
     * nobody knows, and every later join of that name would be refused. Does nothing unless the
     * record still holds {@code screenName} with {@code token}.
     *
     * @return whether the seat was given back
     * @throws io.islands.runtime.checkpoint.StoreException when the store cannot save
     */
    public boolean giveBack(String game, String screenName, String token) {
        return (Boolean) keep(new Write.GiveBack(game, screenName, token));
    }

    private boolean giveBackNow(String game, String screenName, String token) {
        Optional<Saved<SeatsRecord>> latest = store.newest(game);
        if (latest.isEmpty()) {
            return false;
        }
        String held = latest.get().state().tokens().get(screenName);
        if (held == null || !matches(held, token)) {
            return false;
        }
        store.save(game, new Saved<>(latest.get().revision() + 1, latest.get().state().without(screenName)));
        return true;
    }

    private Claim claimNow(String game, String screenName, Ask ask) {
        String key = game;
        String token = ask.token();
        Optional<Saved<SeatsRecord>> latest = store.newest(key);
        SeatsRecord seats = latest.map(Saved::state).filter(r -> !stale(game, r))
                .orElse(SeatsRecord.empty(clockMillis.getAsLong()));
        String held = seats.tokens().get(screenName);
        long revision = latest.map(Saved::revision).orElse(0L) + 1;
        boolean player1 = screenName.equals(game);
        long others = seats.tokens().keySet().stream().filter(n -> !n.equals(game)).count();
        // player 1 may ask for a (new) invitation while the second seat is free
        String invitation = player1 && ask.invite() && others == 0 ? newToken() : null;
        SeatsRecord next = invitation == null ? seats : seats.withInvitation(hash(invitation));
        if (held != null) {
            if (token == null || !matches(held, token)) {
                return UNAUTHORIZED;
            }
            if (!held.startsWith(HASHED)) { // a plain token from before hashing: keep only its hash from now on
                next = next.with(screenName, hash(token));
            }
            if (next != seats) {
                store.save(key, new Saved<>(revision, next));
            }
            return new Claim.Seated(token, invitation, false, false);
        }
        boolean free = player1 ? seats.tokens().size() < 2 : others == 0 && seats.tokens().size() < 2;
        if (!free) {
            return UNAUTHORIZED;
        }
        if (!player1 && seats.invitation() != null
                && (ask.invitation() == null || !matches(seats.invitation(), ask.invitation()))) {
            return INVITATION_REQUIRED;
        }
        // a token the client proposed is taken as the seat's: if this reply is lost (its node killed
        // after the save, the socket dropped), the join's retry with the same params re-enters the
        // seat instead of finding it held by a token nobody knows
        String fresh = proposable(token) ? token : newToken();
        store.save(key, new Saved<>(revision, next.with(screenName, hash(fresh))));
        return new Claim.Seated(fresh, invitation, true, false);
    }

    /** @return whether {@code token} may become a new seat's token: {@link #MIN_PROPOSED} to 128 URL-safe Base64 characters */
    static boolean proposable(String token) {
        return token != null && token.length() >= MIN_PROPOSED && token.length() <= MAX_PROPOSED
                && token.chars().allMatch(c -> c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                        || c == '-' || c == '_');
    }

    /** @return whether {@code token} is the one {@code held} (hashed, or plain from before hashing), in constant time */
    private static boolean matches(String held, String token) {
        String candidate = held.startsWith(HASHED) ? hash(token) : token;
        return MessageDigest.isEqual(held.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
    }

    /** @return {@code sha256:<URL-safe Base64 of the SHA-256 of token>} */
    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HASHED + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String newToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
