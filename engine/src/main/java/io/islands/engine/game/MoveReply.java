package io.islands.engine.game;

/**
 * The reply of a move that may carry a client's move id ({@link AppliedMove}): {@link Ack} for
 * {@code position_island}, the player's {@link Board} for {@code set_islands}, a
 * {@link GuessReply} for {@code guess_coordinate}.
 */
public sealed interface MoveReply permits Ack, Board, GuessReply {}
