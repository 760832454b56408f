package io.islands.engine.game;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What one viewer may see of a game, e.g. to draw it: their own board, both sides' guesses, the
 * opponent's islands they forested and the phase, but never the opponent's board. A viewer who is
 * no player of the game (a spectator) sees the phase, the names, who has set their islands and
 * the winner, and no board or guesses. This is the one place that decides what a viewer sees and
 * who won; the server's channel only serializes it. Immutable.
 *
 * @param role who is looking: a player, or empty for a spectator
 * @param started whether the game exists: false before it is started (neither a process nor a
 *     saved state), when everything else is at its initial value
 * @param board the viewer's own board, with the hits taken; empty for a spectator
 * @param guesses the viewer's guesses against the opponent; empty for a spectator
 * @param opponentGuesses the opponent's guesses against the viewer; empty for a spectator
 * @param forested the opponent's islands the viewer has forested; empty for a spectator
 * @param state the phase of the game
 * @param turn whose turn it is, empty outside the turn states
 * @param player1Name player 1's name (the game's name)
 * @param player2Name player 2's name, empty until they joined
 * @param player1IslandsSet whether player 1 has set their islands
 * @param player2IslandsSet whether player 2 has set their islands
 * @param winner who won, empty unless the game is over
 */
public record PlayerView(
        Optional<Player> role,
        boolean started,
        Board board,
        Guesses guesses,
        Guesses opponentGuesses,
        Set<IslandType> forested,
        RulesState state,
        Optional<Player> turn,
        String player1Name,
        Optional<String> player2Name,
        boolean player1IslandsSet,
        boolean player2IslandsSet,
        Optional<Player> winner) {

    /**
     * Checks the components; {@code forested} is copied.
     *
     * @throws NullPointerException if anything is null
     */
    public PlayerView {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(board, "board");
        Objects.requireNonNull(guesses, "guesses");
        Objects.requireNonNull(opponentGuesses, "opponentGuesses");
        forested = Set.copyOf(forested);
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(turn, "turn");
        Objects.requireNonNull(player1Name, "player1Name");
        Objects.requireNonNull(player2Name, "player2Name");
        Objects.requireNonNull(winner, "winner");
    }

    /** Returns whether it is the viewer's turn to guess (never for a spectator). */
    public boolean myTurn() {
        return role.isPresent() && turn.equals(role);
    }

    /**
     * The view of a game that is not started yet: phase initialized, nobody joined as player 2.
     *
     * @param game the game's name (player 1's)
     * @param screenName the viewer's name: player 1 if it is the game's name, else a spectator
     */
    public static PlayerView unstarted(String game, Optional<String> screenName) {
        Optional<Player> role = screenName.filter(game::equals).map(n -> Player.PLAYER1);
        return new PlayerView(role, false, Board.empty(), Guesses.empty(), Guesses.empty(), Set.of(),
                RulesState.INITIALIZED, Optional.empty(), game, Optional.empty(), false, false, Optional.empty());
    }

    /** The player of {@code game} named {@code screenName}, if any. */
    static Optional<Player> named(GameState game, Optional<String> screenName) {
        for (Player p : Player.values()) {
            if (screenName.isPresent() && screenName.get().equals(game.player(p).name())) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    static PlayerView of(GameState game, Optional<Player> role) {
        Rules rules = game.rules();
        return new PlayerView(
                role,
                true,
                role.map(r -> game.player(r).board()).orElse(Board.empty()),
                role.map(r -> game.player(r).guesses()).orElse(Guesses.empty()),
                role.map(r -> game.player(r.opponent()).guesses()).orElse(Guesses.empty()),
                role.map(r -> forested(game.player(r.opponent()).board())).orElse(Set.of()),
                rules.state(),
                rules.state().turn(),
                game.player1().name(),
                Optional.ofNullable(game.player2().name()),
                rules.player1() == IslandsStatus.ISLANDS_SET,
                rules.player2() == IslandsStatus.ISLANDS_SET,
                winner(game));
    }

    private static Set<IslandType> forested(Board board) {
        Set<IslandType> out = EnumSet.noneOf(IslandType.class);
        board.islands().values().stream().filter(Island::forested).forEach(i -> out.add(i.type()));
        return out;
    }

    /** The player whose opponent's islands are all forested, once the game is over. */
    private static Optional<Player> winner(GameState game) {
        if (game.rules().state() != RulesState.GAME_OVER) {
            return Optional.empty();
        }
        for (Player player : Player.values()) {
            Board target = game.player(player.opponent()).board();
            if (!target.islands().isEmpty() && target.allForested()) {
                return Optional.of(player);
            }
        }
        return Optional.empty();
    }
}
