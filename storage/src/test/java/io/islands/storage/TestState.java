package io.islands.storage;

import java.util.List;

/** A game-like state for the store tests: about 1.5 KB of JSON with {@link #sized}. */
record TestState(String player, int turn, List<String> moves) {
    TestState {
        moves = List.copyOf(moves);
    }

    static TestState of(String player, int turn) {
        return new TestState(player, turn, List.of());
    }

    /** A state of roughly {@code bytes} bytes of JSON. */
    static TestState sized(String player, int turn, int bytes) {
        List<String> moves = new java.util.ArrayList<>();
        for (int i = 0; moves.size() * 12 < bytes; i++) {
            moves.add("guess-" + (char) ('A' + i % 10) + "-" + (i % 10) + "é");
        }
        return new TestState(player, turn, moves);
    }
}
