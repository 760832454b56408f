package io.islands.engine.game;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The moves of a game: the per-call semantics of the book's {@code Game} GenServer (§4.3) as
 * pure functions. Each takes the current state and returns an {@link Outcome}: a reply and the
 * new state, or an error with nothing changed. The checks run in the book's order, and the first
 * failing check decides the error.
 */
public final class Moves {

    private Moves() {}

    /**
     * The book's {@code add_player(game, name)}. Checks: the rules ({@code :add_player}). No check
     * that the name differs from player 1's.
     *
     * @param name player 2's name
     * @return {@link Ack#OK} with player 2 named and the rules at players_set; or
     *     {@link GameError#RULES} if player 2 was already added
     * @throws NullPointerException if {@code name} is null (the book's guard)
     */
    public static Outcome<Ack> addPlayer(GameState game, String name) {
        Objects.requireNonNull(name, "name");
        return game.rules().check(new Action.AddPlayer())
                .map(rules -> Outcome.ok(Ack.OK, game.update(Player.PLAYER2, p -> p.withName(name)).withRules(rules)))
                .orElseGet(() -> Outcome.failed(GameError.RULES));
    }

    /**
     * The book's {@code position_island(game, player, key, row, col)}. Checks, in order:
     * <ol>
     *   <li>the rules ({@code {:position_islands, player}}) → {@link GameError#RULES};
     *   <li>the upper-left {@code (row, col)} → {@link GameError#INVALID_COORDINATE};
     *   <li>the island type → {@link GameError#INVALID_ISLAND_TYPE};
     *   <li>every cell of the island on the board → {@link GameError#INVALID_COORDINATE};
     *   <li>no overlap with the player's islands of other types → {@link GameError#OVERLAPPING_ISLAND}.
     * </ol>
     *
     * @param islandType the island type's wire name, e.g. {@code "atoll"}
     * @return {@link Ack#OK} with the island on the player's board (replacing one of the same type)
     * @throws NullPointerException if {@code player} is null (the book's guard)
     */
    public static Outcome<Ack> positionIsland(GameState game, Player player, String islandType, int row, int col) {
        Objects.requireNonNull(player, "player");
        Optional<Rules> rules = game.rules().check(new Action.PositionIslands(player));
        if (rules.isEmpty()) {
            return Outcome.failed(GameError.RULES);
        }
        Checked<Board> board = Coordinate.of(row, col)
                .flatMap(upperLeft -> Island.create(islandType, upperLeft))
                .flatMap(island -> game.player(player).board().positionIsland(island));
        return switch (board) {
            case Checked.Ok<Board> ok -> Outcome.ok(Ack.OK, game.update(player, p -> p.withBoard(ok.value())).withRules(rules.get()));
            case Checked.Err<Board> err -> Outcome.failed(err.error());
        };
    }

    /**
     * The book's {@code set_islands(game, player)}. Checks, in order: the rules
     * ({@code {:set_islands, player}}) → {@link GameError#RULES}; all five islands on the player's
     * board → {@link GameError#NOT_ALL_ISLANDS_POSITIONED} (and the player stays not set).
     *
     * @return the player's board, with the player's islands set and, once both are, player 1's turn
     * @throws NullPointerException if {@code player} is null (the book's guard)
     */
    public static Outcome<Board> setIslands(GameState game, Player player) {
        Objects.requireNonNull(player, "player");
        Optional<Rules> rules = game.rules().check(new Action.SetIslands(player));
        if (rules.isEmpty()) {
            return Outcome.failed(GameError.RULES);
        }
        Board board = game.player(player).board();
        return board.allIslandsPositioned()
                ? Outcome.ok(board, game.withRules(rules.get()))
                : Outcome.failed(GameError.NOT_ALL_ISLANDS_POSITIONED);
    }

    /**
     * The book's {@code guess_coordinate(game, player, row, col)}. Checks, in order: the rules
     * ({@code {:guess_coordinate, player}}, which passes the turn) → {@link GameError#RULES};
     * {@code (row, col)} → {@link GameError#INVALID_COORDINATE}; then the guess on the opponent's
     * board and the rules' win check ({@code {:win_check, win}}) on the passed turn. Guessing a
     * cell again is legal: it is judged again and uses the turn.
     *
     * @return hit or miss, the forested island type, and win; with the opponent's board updated,
     *     the guess recorded in the player's guesses and the turn passed (or the game over)
     * @throws NullPointerException if {@code player} is null (the book's guard)
     */
    public static Outcome<GuessReply> guessCoordinate(GameState game, Player player, int row, int col) {
        Objects.requireNonNull(player, "player");
        Optional<Rules> turnPassed = game.rules().check(new Action.GuessCoordinate(player));
        if (turnPassed.isEmpty()) {
            return Outcome.failed(GameError.RULES);
        }
        Optional<Coordinate> coordinate = Coordinate.of(row, col).toOptional();
        if (coordinate.isEmpty()) {
            return Outcome.failed(GameError.INVALID_COORDINATE);
        }
        Player opponent = player.opponent();
        GuessResult result = game.player(opponent).board().guess(coordinate.get());
        Optional<Rules> checked = turnPassed.get().check(new Action.WinCheck(result.win()));
        if (checked.isEmpty()) {
            return Outcome.failed(GameError.RULES);
        }
        GameState next = game
                .update(opponent, p -> p.withBoard(result.board()))
                .update(player, p -> p.withGuesses(p.guesses().add(result.hit(), coordinate.get())))
                .withRules(checked.get());
        return Outcome.ok(new GuessReply(result.hit(), result.forested(), result.win()), next);
    }

    // ---- moves with a client's move id -------------------------------------------------------

    /**
     * {@link #positionIsland(GameState, Player, String, int, int)}, applied at most once per move
     * id: see {@link #once}.
     */
    public static Outcome<Ack> positionIsland(GameState game, Player player, String islandType, int row, int col,
                                              Optional<String> moveId) {
        return once(game, player, moveId, Ack.class, g -> positionIsland(g, player, islandType, row, col));
    }

    /** {@link #setIslands(GameState, Player)}, applied at most once per move id: see {@link #once}. */
    public static Outcome<Board> setIslands(GameState game, Player player, Optional<String> moveId) {
        return once(game, player, moveId, Board.class, g -> setIslands(g, player));
    }

    /** {@link #guessCoordinate(GameState, Player, int, int)}, applied at most once per move id: see {@link #once}. */
    public static Outcome<GuessReply> guessCoordinate(GameState game, Player player, int row, int col,
                                                      Optional<String> moveId) {
        return once(game, player, moveId, GuessReply.class, g -> guessCoordinate(g, player, row, col));
    }

    /**
     * Applies {@code move} unless {@code moveId} is {@code player}'s last applied move id
     * ({@link PlayerState#lastMove}) with a reply of the move's kind: then the stored reply comes
     * back as an {@link Outcome.Ok} with {@code replayed} set and the state unchanged (the same
     * object). Otherwise the move runs: a failure changes nothing (the id is not remembered, so a
     * retry is judged again); a success records the id and its reply in the player's state, or,
     * without an id, clears the player's last move.
     *
     * @throws IllegalArgumentException if {@code moveId} holds an invalid id ({@link AppliedMove#isValidId})
     */
    private static <R extends MoveReply> Outcome<R> once(GameState game, Player player, Optional<String> moveId,
                                                        Class<R> kind, Function<GameState, Outcome<R>> move) {
        Objects.requireNonNull(player, "player");
        Objects.requireNonNull(moveId, "moveId");
        if (moveId.isPresent() && !AppliedMove.isValidId(moveId.get())) {
            throw new IllegalArgumentException("not a move id: " + moveId.get().length() + " characters");
        }
        Optional<AppliedMove> last = game.player(player).lastMove();
        if (moveId.isPresent() && last.isPresent() && last.get().id().equals(moveId.get())
                && kind.isInstance(last.get().reply())) {
            return new Outcome.Ok<>(kind.cast(last.get().reply()), game, true);
        }
        return switch (move.apply(game)) {
            case Outcome.Ok<R> ok -> Outcome.ok(ok.reply(), ok.state().update(player,
                    p -> p.withLastMove(moveId.map(id -> new AppliedMove(id, ok.reply())))));
            case Outcome.Failed<R> failed -> failed;
        };
    }

    /**
     * What {@code player} may see of the game; see {@link PlayerView}.
     *
     * @return the view; never fails
     */
    public static PlayerView view(GameState game, Player player) {
        Objects.requireNonNull(player, "player");
        return PlayerView.of(game, Optional.of(player));
    }

    /**
     * What the holder of {@code screenName} may see: the view of the player of that name, or a
     * spectator's view when it names no player of the game (or is empty); see {@link PlayerView}.
     *
     * @return the view; never fails
     */
    public static PlayerView viewByName(GameState game, Optional<String> screenName) {
        Objects.requireNonNull(screenName, "screenName");
        return PlayerView.of(game, PlayerView.named(game, screenName));
    }
}
