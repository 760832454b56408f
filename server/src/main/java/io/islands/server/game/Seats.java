package io.islands.server.game;

import io.islands.runtime.checkpoint.Saved;
import io.islands.runtime.checkpoint.StateStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
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
 * <p>Design note: claims and releases run one at a time under {@link #lock} (joins are rare); it
 * is a {@link ReentrantLock} rather than a monitor because the store write inside may block.
 */
public final class Seats {
    /** The key space of seat records in the shared store. */
    public static final String SPACE = "seats";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The prefix of a hashed token in a record. */
    static final String HASHED = "sha256:";

    /** What a join gets: a seat with its token (and a new invitation, if one was asked for), or a refusal. */
    public sealed interface Claim {
        /** @param invitation the invitation issued by this claim, or null */
        record Seated(String token, String invitation) implements Claim {
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
    /** Held around every read-modify-write of a seat record. */
    private final ReentrantLock lock = new ReentrantLock();

    /**
     * @param store           where the records are kept, keyed by game name (the server gives a key space)
     * @param gameExists      whether a game has a process or a saved state now
     * @param clockMillis     now, in epoch milliseconds
     * @param unstartedExpiry how long seats may wait for their game to be started
     */
    public Seats(StateStore<SeatsRecord> store, Predicate<String> gameExists, LongSupplier clockMillis,
            Duration unstartedExpiry) {
        this.store = Objects.requireNonNull(store, "store");
        this.gameExists = Objects.requireNonNull(gameExists, "gameExists");
        this.clockMillis = Objects.requireNonNull(clockMillis, "clockMillis");
        this.unstartedExpiry = Objects.requireNonNull(unstartedExpiry, "unstartedExpiry");
    }

    /**
     * Whether the channel of {@code screenName} holding {@code token} still has its seat in
     * {@code game}: the record is there, not stale, and holds that name with that token. Reads
     * the store (no lock); a game channel asks on every push.
     */
    public boolean holds(String game, String screenName, String token) {
        Optional<Saved<SeatsRecord>> latest = store.newest(game);
        if (latest.isEmpty() || stale(game, latest.get().state())) {
            return false;
        }
        String held = latest.get().state().tokens().get(screenName);
        return held != null && token != null && matches(held, token);
    }

    /** Notes that {@code game} was started (its seats no longer expire unstarted). */
    public void markStarted(String game) {
        lock.lock();
        try {
            Optional<Saved<SeatsRecord>> latest = store.newest(game);
            if (latest.isPresent() && !latest.get().state().started()) {
                store.save(game, new Saved<>(latest.get().revision() + 1, latest.get().state().markStarted()));
            }
        } finally {
            lock.unlock();
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
        lock.lock();
        try {
            Optional<Saved<SeatsRecord>> latest = store.newest(game);
            return latest.isPresent() && stale(game, latest.get().state()) && store.delete(game);
        } finally {
            lock.unlock();
        }
    }

    private boolean stale(String game, SeatsRecord seats) {
        if (gameExists.test(game)) {
            return false;
        }
        return seats.started() || clockMillis.getAsLong() - seats.created() >= unstartedExpiry.toMillis();
    }

    /**
     * Takes or re-enters the seat of {@code screenName} in {@code game}. Serialized over all games
     * (joins are rare), so two first joins cannot both take the last seat.
     *
     * Invitations: a game whose record holds one (asked for by player 1, see {@link Ask#invite})
     * gives its second seat only to a join that shows it; a game without one gives it to the
     * first other name, as in the book.
     */
    public Claim claim(String game, String screenName, Ask ask) {
        lock.lock();
        try {
            return claimLocked(game, screenName, ask);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Deletes the seats of {@code game}, so a new game of that name starts with free seats. Called
     * when the game is stopped (its saved state deleted), not when its process merely idles out.
     *
     * @return true when there were seats
     * @throws io.islands.runtime.checkpoint.StoreException when the store cannot delete
     */
    public boolean release(String game) {
        lock.lock();
        try {
            return store.delete(game);
        } finally {
            lock.unlock();
        }
    }

    private Claim claimLocked(String game, String screenName, Ask ask) {
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
            return new Claim.Seated(token, invitation);
        }
        boolean free = player1 ? seats.tokens().size() < 2 : others == 0 && seats.tokens().size() < 2;
        if (!free) {
            return UNAUTHORIZED;
        }
        if (!player1 && seats.invitation() != null
                && (ask.invitation() == null || !matches(seats.invitation(), ask.invitation()))) {
            return INVITATION_REQUIRED;
        }
        String fresh = newToken();
        store.save(key, new Saved<>(revision, next.with(screenName, hash(fresh))));
        return new Claim.Seated(fresh, invitation);
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
