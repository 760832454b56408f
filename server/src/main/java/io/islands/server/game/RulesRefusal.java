package io.islands.server.game;

import io.islands.engine.game.GameError;
import io.islands.engine.game.Player;
import io.islands.engine.game.PlayerView;
import io.islands.engine.game.RulesState;
import io.islands.engine.process.GameUnavailableException;
import io.islands.engine.process.Games;

/**
 * Names the engine's bare rules refusal ({@link GameError#RULES}, the book's {@code :error}) for
 * the client (docs/protocol.md §4.3): the channel replies with one of these reasons instead of
 * {@code "error"}, so the page can say what went wrong without guessing from its own copy of the
 * rules. Stateless.
 */
final class RulesRefusal {
    /** A move on a game that {@code new_game} has not started. */
    static final String NOT_STARTED = "not_started";
    /** Islands pushed before player 2 was added (the rules are still {@code initialized}). */
    static final String NO_OPPONENT_YET = "no_opponent_yet";
    /** Islands moved or set after this player set them (or after the battle began). */
    static final String ISLANDS_ALREADY_SET = "islands_already_set";
    /** {@code add_player} after player 2 was added. */
    static final String PLAYER2_ALREADY_ADDED = "player2_already_added";

    private RulesRefusal() {}

    /**
     * The wire reason of a refused move: the engine's own reason, or for {@link GameError#RULES}
     * one named from the game's state, read (through {@code player}'s view) right after the
     * refusal; moves are not guessed ({@code guess_coordinate} keeps the book's "Not your turn.").
     *
     * @param event {@code add_player}, {@code position_island} or {@code set_islands}
     * @param player the role the move was for ({@code add_player}: player 2)
     * @return the reason, {@code "error"} only for a refusal none of these names fits
     * @throws GameUnavailableException if the game cannot be read for another reason than not
     *     being started
     */
    static String reason(io.islands.server.cluster.GameRouter games, String game, String event, Player player, GameError error) {
        if (error != GameError.RULES) {
            return error.wire();
        }
        PlayerView view;
        try {
            view = games.call(game, new io.islands.engine.process.GameRequest.View(player));
        } catch (GameUnavailableException e) {
            if (e.why() == GameUnavailableException.Why.NOT_FOUND) {
                return NOT_STARTED;
            }
            throw e;
        }
        boolean ownSet = player == Player.PLAYER1 ? view.player1IslandsSet() : view.player2IslandsSet();
        return of(event, view.state(), ownSet);
    }

    /**
     * @param state the rules state after the refusal
     * @param ownIslandsSet whether the refused player had set their islands
     * @return the reason of a rules refusal of {@code event} in {@code state} (the book's table, §3)
     */
    static String of(String event, RulesState state, boolean ownIslandsSet) {
        return switch (event) {
            case "add_player" -> state == RulesState.INITIALIZED ? GameError.RULES.wire() : PLAYER2_ALREADY_ADDED;
            case "position_island", "set_islands" -> switch (state) {
                case INITIALIZED -> NO_OPPONENT_YET;
                case PLAYERS_SET -> ownIslandsSet ? ISLANDS_ALREADY_SET : GameError.RULES.wire();
                case PLAYER1_TURN, PLAYER2_TURN, GAME_OVER -> ISLANDS_ALREADY_SET;
            };
            default -> GameError.RULES.wire();
        };
    }
}
