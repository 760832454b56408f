package io.islands.engine.game;

/** The book's bare {@code :ok} reply, for moves that answer nothing else. */
public enum Ack implements MoveReply {
    /** {@code :ok}. */
    OK
}
