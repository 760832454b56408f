package io.islands.server.lobby;

import io.islands.engine.game.Ack;
import io.islands.engine.game.Outcome;
import io.islands.engine.process.GameRequest;
import io.islands.server.cluster.GameRouter;
import io.islands.server.game.Seats;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Makes a game for two players at once, as the two joins and pushes of the book's flow would
 * (docs/protocol.md §2.1, §5): the host's seat and the guest's seat (each a fresh token), then
 * {@code new_game}, then {@code add_player} for the guest. Used by the matchmaker for quick
 * matches and rematches. Immutable; runs in the caller's process (the matchmaker's).
 */
public final class SeatedGames implements Matchmaker.GameMaker {
    private static final Seats.Ask PLAIN = new Seats.Ask(null, null, false);

    private final Seats seats;
    /** The games, where they run (their owner, in a cluster). */
    private final GameRouter games;
    private final Consumer<String> ended;

    /**
     * @param ended called with a game's name when a half-made game is given up (its seats were
     *     released): the server closes its topic
     */
    public SeatedGames(Seats seats, GameRouter games, Consumer<String> ended) {
        this.seats = Objects.requireNonNull(seats);
        this.games = Objects.requireNonNull(games);
        this.ended = Objects.requireNonNull(ended);
    }

    /**
     * @return the game named {@code host}, started, with {@code host} as player 1 and {@code guest}
     *     added as player 2; empty when {@code host}'s name has seats or a game already (then
     *     nothing is changed), or when the start failed (then the seats taken here are released)
     */
    @Override
    public Optional<Matchmaker.Made> make(String host, String guest) {
        if (host.equals(guest) || seats.live(host).isPresent() || games.started(host)) {
            return Optional.empty();
        }
        if (!(seats.claim(host, host, PLAIN) instanceof Seats.Claim.Seated hostSeat)) {
            return Optional.empty(); // someone took the name's seat in between
        }
        if (!(seats.claim(host, guest, PLAIN) instanceof Seats.Claim.Seated guestSeat)) {
            return giveUp(host);
        }
        if (games.startGame(host) != GameRouter.Started.OK) {
            return giveUp(host);
        }
        seats.markStarted(host);
        Outcome<Ack> added = games.call(host, new GameRequest.AddPlayer(guest));
        if (added instanceof Outcome.Failed<Ack>) {
            return Optional.empty(); // a started game with both seats: its players may still play it
        }
        return Optional.of(new Matchmaker.Made(host, hostSeat.token(), guestSeat.token()));
    }

    private Optional<Matchmaker.Made> giveUp(String host) {
        seats.release(host);
        ended.accept(host);
        return Optional.empty();
    }
}
