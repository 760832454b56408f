package io.islands.engine.game;

import java.util.Objects;
import java.util.Optional;

/**
 * The rules state machine of a game (book §3): the phase and whether each player has set their
 * islands.
 *
 * @param state the phase
 * @param player1 whether player 1 has set their islands
 * @param player2 whether player 2 has set their islands
 */
public record Rules(RulesState state, IslandsStatus player1, IslandsStatus player2) {

    /**
     * Checks the components.
     *
     * @throws NullPointerException if anything is null
     */
    public Rules {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(player1, "player1");
        Objects.requireNonNull(player2, "player2");
    }

    /** Returns the rules of a new game: initialized, nobody has set islands (the book's {@code Rules.new()}). */
    public static Rules initial() {
        return INITIAL;
    }

    private static final Rules INITIAL =
            new Rules(RulesState.INITIALIZED, IslandsStatus.ISLANDS_NOT_SET, IslandsStatus.ISLANDS_NOT_SET);

    /** Returns whether {@code player} has set their islands. */
    public IslandsStatus islands(Player player) {
        return player == Player.PLAYER1 ? player1 : player2;
    }

    /**
     * The book's {@code Rules.check(rules, action)}, the table of §3:
     * <ul>
     *   <li>initialized: add_player → players_set;
     *   <li>players_set: position_islands(p) → unchanged if p has not set islands;
     *       set_islands(p) → p set, and player1_turn once both are set (also when p already was);
     *   <li>player1_turn: guess_coordinate(player1) → player2_turn; player2_turn:
     *       guess_coordinate(player2) → player1_turn; in both, win_check(no win) → unchanged and
     *       win_check(win) → game_over;
     *   <li>game_over: nothing.
     * </ul>
     *
     * @return the rules after the action, or empty (the book's bare {@code :error}) for any action
     *     the table does not allow in this state
     */
    public Optional<Rules> check(Action action) {
        Objects.requireNonNull(action, "action");
        return switch (state) {
            case INITIALIZED -> action instanceof Action.AddPlayer
                    ? Optional.of(withState(RulesState.PLAYERS_SET))
                    : Optional.empty();
            case PLAYERS_SET -> positioning(action);
            case PLAYER1_TURN -> playing(action, Player.PLAYER1, RulesState.PLAYER2_TURN);
            case PLAYER2_TURN -> playing(action, Player.PLAYER2, RulesState.PLAYER1_TURN);
            case GAME_OVER -> Optional.empty();
        };
    }

    private Optional<Rules> positioning(Action action) {
        return switch (action) {
            case Action.PositionIslands(Player p) when islands(p) == IslandsStatus.ISLANDS_NOT_SET -> Optional.of(this);
            case Action.SetIslands(Player p) -> Optional.of(withIslandsSet(p).startWhenBothSet());
            default -> Optional.empty();
        };
    }

    private Optional<Rules> playing(Action action, Player mover, RulesState next) {
        return switch (action) {
            case Action.GuessCoordinate(Player p) when p == mover -> Optional.of(withState(next));
            case Action.WinCheck(boolean win) -> Optional.of(win ? withState(RulesState.GAME_OVER) : this);
            default -> Optional.empty();
        };
    }

    private Rules withState(RulesState next) {
        return new Rules(next, player1, player2);
    }

    private Rules withIslandsSet(Player player) {
        return player == Player.PLAYER1
                ? new Rules(state, IslandsStatus.ISLANDS_SET, player2)
                : new Rules(state, player1, IslandsStatus.ISLANDS_SET);
    }

    private Rules startWhenBothSet() {
        boolean bothSet = player1 == IslandsStatus.ISLANDS_SET && player2 == IslandsStatus.ISLANDS_SET;
        return bothSet ? withState(RulesState.PLAYER1_TURN) : this;
    }
}
