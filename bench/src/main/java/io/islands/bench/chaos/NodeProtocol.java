package io.islands.bench.chaos;

import io.islands.engine.game.GameState;
import io.islands.engine.game.GameStateJson;
import io.islands.engine.game.Moves;
import io.islands.engine.game.Outcome;
import io.islands.engine.game.Player;
import io.islands.engine.process.GameRequest;

/**
 * The line protocol between the chaos driver and a {@link GameNode}: one command per line on the
 * node's stdin, one answer per line on its stdout. Fields are separated by single spaces; game
 * names have no spaces.
 *
 * <pre>
 * in                               out
 * start GAME SEQ                   ack GAME SEQ started          | fail GAME SEQ WHY
 * move GAME SEQ add NAME           ack GAME SEQ ok STATEHASH     | ack GAME SEQ failed | fail GAME SEQ WHY
 * move GAME SEQ pos P ISLAND R C
 * move GAME SEQ set P
 * move GAME SEQ guess P R C
 * state GAME SEQ                   state GAME SEQ JSON           | fail GAME SEQ WHY
 * kill-game GAME                   killed-game GAME yes|no
 * kill-sup                         killed-sup
 *                                  ready   (once, when the store is open and games can be played)
 * </pre>
 *
 * {@code ack} is written only after the game answered, so after the change was saved. {@code P}
 * is {@code player1} or {@code player2}; {@code WHY} is a {@code GameUnavailableException.Why}
 * or {@code ERROR}. {@code STATEHASH} is {@link #hash} of the state after the move.
 */
final class NodeProtocol {
    private NodeProtocol() {}

    /** @return the request as the tail of a {@code move} line ({@code add NAME}, {@code guess P R C}, ...) */
    static String encode(GameRequest<?> request) {
        return switch (request) {
            case GameRequest.AddPlayer a -> "add " + a.name();
            case GameRequest.PositionIsland p -> "pos " + p.player().wire() + " " + p.island() + " " + p.row() + " " + p.col();
            case GameRequest.SetIslands s -> "set " + s.player().wire();
            case GameRequest.GuessCoordinate g -> "guess " + g.player().wire() + " " + g.row() + " " + g.col();
            case GameRequest.View v -> throw new IllegalArgumentException("not a move: " + request);
            case GameRequest.ViewByName v -> throw new IllegalArgumentException("not a move: " + request);
            case GameRequest.State s -> throw new IllegalArgumentException("not a move: " + request);
        };
    }

    /**
     * @param f the fields of a {@code move} line; the request starts at {@code f[3]}
     * @return the request
     * @throws IllegalArgumentException if the fields are not a move
     */
    static GameRequest<?> decode(String[] f) {
        try {
            return switch (f[3]) {
                case "add" -> new GameRequest.AddPlayer(f[4]);
                case "pos" -> new GameRequest.PositionIsland(player(f[4]), f[5], Integer.parseInt(f[6]), Integer.parseInt(f[7]));
                case "set" -> new GameRequest.SetIslands(player(f[4]));
                case "guess" -> new GameRequest.GuessCoordinate(player(f[4]), Integer.parseInt(f[5]), Integer.parseInt(f[6]));
                default -> throw new IllegalArgumentException("unknown move '" + f[3] + "'");
            };
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
            throw new IllegalArgumentException("bad move: " + String.join(" ", f), e);
        }
    }

    private static Player player(String wire) {
        return Player.fromWire(wire).orElseThrow(() -> new IllegalArgumentException("no player '" + wire + "'"));
    }

    /** @return what the game must answer to {@code request} in {@code state} (the engine's rules, no process) */
    static Outcome<?> apply(GameState state, GameRequest<?> request) {
        return switch (request) {
            case GameRequest.AddPlayer a -> Moves.addPlayer(state, a.name());
            case GameRequest.PositionIsland p -> Moves.positionIsland(state, p.player(), p.island(), p.row(), p.col());
            case GameRequest.SetIslands s -> Moves.setIslands(state, s.player());
            case GameRequest.GuessCoordinate g -> Moves.guessCoordinate(state, g.player(), g.row(), g.col());
            case GameRequest.View v -> throw new IllegalArgumentException("not a move: " + request);
            case GameRequest.ViewByName v -> throw new IllegalArgumentException("not a move: " + request);
            case GameRequest.State s -> throw new IllegalArgumentException("not a move: " + request);
        };
    }

    /** @return a hash of the state's JSON form, the same in every JVM */
    static String hash(GameState state) {
        return Integer.toHexString(GameStateJson.toJson(state).hashCode());
    }
}
