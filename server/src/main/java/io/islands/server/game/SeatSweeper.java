package io.islands.server.game;

import io.islands.engine.game.GameState;
import io.islands.engine.game.RulesState;
import io.islands.engine.process.GameUnavailableException;
import io.islands.server.cluster.GameRouter;
import io.islands.runtime.GenServer;
import io.islands.runtime.IdleTimeout;
import io.islands.runtime.InitResult;
import io.islands.runtime.Next;
import io.islands.runtime.Result;
import io.islands.server.logging.LogLimiter;
import io.islands.storage.StoredVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process that ends seats with their games: every {@code interval} it goes over the seat
 * records and deletes the stale ones (game stopped or idled out, or never started in time), and
 * stops each finished game whose last move is older than the retention, deleting its state and
 * seats. For each game ended so, {@code ended} runs (the server closes the game's channels).
 * Supervised by the server (restarted if it crashes); one sweep at a time, in its own process.
 */
public final class SeatSweeper implements GenServer<SeatSweeper.SweepState> {
    private static final Logger LOG = LoggerFactory.getLogger(SeatSweeper.class);

    /**
     * @param overSince when this process first saw each finished game over, epoch ms: the
     *     retention counts from the save time of the last move when the store keeps it, else
     *     from then (a memory store, or after a restart of this process)
     */
    record SweepState(Map<String, Long> overSince) {
        SweepState {
            overSince = Map.copyOf(overSince);
        }
    }

    private final Seats seats;
    /** Stops finished games where they run (their owner, in a cluster). */
    private final GameRouter games;
    private final Function<String, List<? extends StoredVersion<GameState>>> history;
    private final Consumer<String> ended;
    private final LongSupplier clockMillis;
    private final Duration retention;
    private final Duration interval;
    private final LogLimiter warnings = new LogLimiter(1, Duration.ofMinutes(1));

    /**
     * @param history     a game's saved versions with their save times, newest first
     * @param ended       told the name of each game whose seats were deleted
     * @param retention   how long a finished game is kept after its last move
     * @param interval    time between sweeps
     */
    public SeatSweeper(Seats seats, GameRouter games, Function<String, List<? extends StoredVersion<GameState>>> history,
            Consumer<String> ended, LongSupplier clockMillis, Duration retention, Duration interval) {
        this.seats = seats;
        this.games = games;
        this.history = history;
        this.ended = ended;
        this.clockMillis = clockMillis;
        this.retention = retention;
        this.interval = interval;
    }

    @Override
    public InitResult<SweepState> init() {
        return InitResult.ok(new SweepState(Map.of()), Next.timeout(interval));
    }

    @Override
    public Result<SweepState> handleInfo(Object message, SweepState s) {
        SweepState next = message instanceof IdleTimeout ? sweep(s) : s;
        return Result.noReply(next, Next.timeout(interval));
    }

    /**
     * One pass over every seat record. A failure with one game is logged (at most once a
     * minute) and the pass goes on.
     *
     * @return the state for the next pass
     */
    SweepState sweep(SweepState s) {
        Map<String, Long> overSince = new HashMap<>();
        long now = clockMillis.getAsLong();
        for (String game : seats.games()) {
            try {
                if (seats.releaseIfStale(game) || stopIfFinishedLongAgo(game, now, s.overSince(), overSince)) {
                    ended.accept(game);
                }
            } catch (RuntimeException e) {
                long leftOut = warnings.allow();
                if (leftOut >= 0) {
                    LOG.warn("seat sweep of game {} failed{}", game, LogLimiter.leftOut(leftOut), e);
                }
            }
        }
        return new SweepState(overSince);
    }

    private boolean stopIfFinishedLongAgo(String game, long now, Map<String, Long> seen, Map<String, Long> overSince) {
        List<? extends StoredVersion<GameState>> versions = history.apply(game);
        if (versions.isEmpty() || versions.get(0).saved().state().rules().state() != RulesState.GAME_OVER) {
            return false;
        }
        Instant savedAt = versions.get(0).savedAt();
        long since = savedAt != null ? savedAt.toEpochMilli() : seen.getOrDefault(game, now);
        if (now - since < retention.toMillis()) {
            overSince.put(game, since);
            return false;
        }
        try {
            games.stopGame(game);
        } catch (GameUnavailableException e) {
            if (e.why() != GameUnavailableException.Why.NOT_FOUND) {
                throw e;
            }
        }
        seats.release(game);
        LOG.info("game {} finished more than {} ago: stopped, its seats deleted", game, retention);
        return true;
    }
}
