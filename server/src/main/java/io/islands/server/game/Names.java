package io.islands.server.game;

import java.util.regex.Pattern;

/**
 * The one place where game and screen names are checked (docs/protocol.md §2.1): ASCII letters,
 * digits, {@code _} and {@code -}, from 1 to {@link #maxLength()} characters. Anything else is
 * refused before it reaches a store key, a log line or another player. Immutable.
 *
 * @param maxLength the longest name accepted, at least 1
 */
public record Names(int maxLength) {
    private static final Pattern CHARS = Pattern.compile("[A-Za-z0-9_-]+");

    public Names {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength needs at least 1, not " + maxLength);
        }
    }

    /** @return whether {@code name} is a valid game or screen name; false for null */
    public boolean valid(String name) {
        return name != null && !name.isEmpty() && name.length() <= maxLength && CHARS.matcher(name).matches();
    }

    /** @return the rule, as the error reply and the page tell it */
    public String rule() {
        return "1 to " + maxLength + " letters, digits, _ or -";
    }
}
