/**
 * The pure domain of the Islands game from <i>Functional Web Development with Elixir, OTP, and
 * Phoenix</i>: coordinates, islands, boards, guesses, the rules state machine, the game moves and
 * the versioned JSON form of a game state.
 *
 * <p>Everything here is immutable and free of side effects. One concept per file, as the book has
 * one module per concept: {@link io.islands.engine.game.Coordinate},
 * {@link io.islands.engine.game.Island}, {@link io.islands.engine.game.Board},
 * {@link io.islands.engine.game.Guesses}, {@link io.islands.engine.game.Rules} and
 * {@link io.islands.engine.game.Moves} (the per-call semantics of the book's {@code Game}
 * GenServer, without the process). The process that owns a {@link io.islands.engine.game.GameState}
 * lives elsewhere.
 */
package io.islands.engine.game;
