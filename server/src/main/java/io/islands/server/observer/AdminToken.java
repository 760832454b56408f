package io.islands.server.observer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The admin token that the observer's API asks for, as {@code Authorization: Bearer TOKEN}.
 * Immutable; the comparison takes the same time wherever the first difference is.
 */
public final class AdminToken {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final String value;
    private final byte[] expected;

    private AdminToken(String value) {
        this.value = value;
        this.expected = ("Bearer " + value).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @return the configured token, or a new random one (32 URL-safe characters, 192 bits) for null
     * @throws IllegalArgumentException for a blank token, or one with spaces or control characters
     */
    public static AdminToken of(String configured) {
        if (configured == null) {
            byte[] bytes = new byte[24];
            RANDOM.nextBytes(bytes);
            return new AdminToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        }
        if (configured.isBlank() || !configured.chars().allMatch(c -> c > ' ' && c < 127)) {
            throw new IllegalArgumentException("the admin token must be printable ASCII without spaces, and not blank");
        }
        return new AdminToken(configured);
    }

    /** @return the token itself */
    public String value() {
        return value;
    }

    /** @return whether an {@code Authorization} header value carries this token (constant time) */
    boolean accepts(String authorization) {
        byte[] given = authorization == null ? new byte[0] : authorization.getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, given);
    }

    @Override
    public String toString() {
        return "AdminToken[****]";
    }
}
