package io.islands.server;

/**
 * The bounds the server puts on what anonymous clients may do (docs/security.md). Immutable;
 * every field is a {@code serve} option ({@link ServeOptions}).
 *
 * @param maxNameLength the longest game or screen name accepted (names are letters, digits,
 *     {@code _} and {@code -}); at least 1
 */
public record Limits(int maxNameLength) {
    /** Names of at most 40 characters. */
    public static final int DEFAULT_MAX_NAME_LENGTH = 40;

    public Limits {
        atLeast("maxNameLength", maxNameLength, 1);
    }

    /** @return the defaults of every limit */
    public static Limits defaults() {
        return new Limits(DEFAULT_MAX_NAME_LENGTH);
    }

    public Limits withMaxNameLength(int value) {
        return new Limits(value);
    }

    private static void atLeast(String field, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(field + " needs at least " + min + ", not " + value);
        }
    }
}
