package io.islands.server;

import io.islands.server.phoenix.PhoenixServer;
import java.time.Duration;
import java.util.List;

/**
 * The bounds the server puts on what anonymous clients may do (docs/security.md). Immutable;
 * built with {@link #builder()}; every field is a {@code serve} option (docs/operations.md).
 *
 * @param maxNameLength        the longest game or screen name accepted (names are letters,
 *                             digits, {@code _} and {@code -}); at least 1
 * @param maxChannelsPerSocket channels one socket may have joined at once
 * @param gamesPerMinute       games one socket may create per minute (as a burst, then one every
 *                             60 s / this)
 * @param framesPerSecond      inbound frames one socket may send per second (twice that as a burst)
 * @param socketsPerAddress    connections open at once from one remote address
 * @param mailboxMessages      frames waiting in one socket process's mailbox
 * @param mailboxChars         characters of the frames waiting in one socket process's mailbox
 * @param allowedOrigins       the pages allowed to open a WebSocket, by {@code Origin}: full
 *                             origins, bare hosts or {@code *}; empty: the server's own host and
 *                             loopback (see {@link PhoenixServer.Builder#allowedOrigins})
 * @param unstartedGameExpiry  how long seats wait for their game to be started before they are freed
 * @param finishedGameRetention how long a finished game is kept after its last move; then it is
 *                             stopped and its seats freed
 */
public record Limits(int maxNameLength, int maxChannelsPerSocket, int gamesPerMinute, int framesPerSecond,
        int socketsPerAddress, int mailboxMessages, long mailboxChars, List<String> allowedOrigins,
        Duration unstartedGameExpiry, Duration finishedGameRetention) {
    public static final int DEFAULT_MAX_NAME_LENGTH = 40;
    public static final int DEFAULT_GAMES_PER_MINUTE = 10;
    public static final Duration DEFAULT_UNSTARTED_GAME_EXPIRY = Duration.ofHours(1);
    public static final Duration DEFAULT_FINISHED_GAME_RETENTION = Duration.ofHours(1);

    public Limits {
        atLeast("maxNameLength", maxNameLength, 1);
        atLeast("maxChannelsPerSocket", maxChannelsPerSocket, 1);
        atLeast("gamesPerMinute", gamesPerMinute, 1);
        atLeast("framesPerSecond", framesPerSecond, 1);
        atLeast("socketsPerAddress", socketsPerAddress, 1);
        atLeast("mailboxMessages", mailboxMessages, 1);
        atLeast("mailboxChars", mailboxChars, 1);
        allowedOrigins = List.copyOf(allowedOrigins);
        positive("unstartedGameExpiry", unstartedGameExpiry);
        positive("finishedGameRetention", finishedGameRetention);
    }

    /** @return the defaults of every limit */
    public static Limits defaults() {
        return builder().build();
    }

    /** @return a builder holding {@link #defaults()} */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding these limits */
    public Builder toBuilder() {
        return new Builder().maxNameLength(maxNameLength).maxChannelsPerSocket(maxChannelsPerSocket)
                .gamesPerMinute(gamesPerMinute).framesPerSecond(framesPerSecond).socketsPerAddress(socketsPerAddress)
                .mailboxMessages(mailboxMessages).mailboxChars(mailboxChars).allowedOrigins(allowedOrigins)
                .unstartedGameExpiry(unstartedGameExpiry).finishedGameRetention(finishedGameRetention);
    }

    /**
     * Collects the fields of {@link Limits}, starting from the defaults. Not thread-safe; the
     * setters check nothing, {@link #build()} checks everything.
     */
    public static final class Builder {
        private int maxNameLength = DEFAULT_MAX_NAME_LENGTH;
        private int maxChannelsPerSocket = PhoenixServer.DEFAULT_MAX_CHANNELS_PER_SOCKET;
        private int gamesPerMinute = DEFAULT_GAMES_PER_MINUTE;
        private int framesPerSecond = PhoenixServer.DEFAULT_FRAMES_PER_SECOND;
        private int socketsPerAddress = PhoenixServer.DEFAULT_MAX_SOCKETS_PER_ADDRESS;
        private int mailboxMessages = PhoenixServer.DEFAULT_MAILBOX_MESSAGES;
        private long mailboxChars = PhoenixServer.DEFAULT_MAILBOX_CHARS;
        private List<String> allowedOrigins = List.of();
        private Duration unstartedGameExpiry = DEFAULT_UNSTARTED_GAME_EXPIRY;
        private Duration finishedGameRetention = DEFAULT_FINISHED_GAME_RETENTION;

        private Builder() {}

        public Builder maxNameLength(int value) {
            maxNameLength = value;
            return this;
        }

        public Builder maxChannelsPerSocket(int value) {
            maxChannelsPerSocket = value;
            return this;
        }

        public Builder gamesPerMinute(int value) {
            gamesPerMinute = value;
            return this;
        }

        public Builder framesPerSecond(int value) {
            framesPerSecond = value;
            return this;
        }

        public Builder socketsPerAddress(int value) {
            socketsPerAddress = value;
            return this;
        }

        public Builder mailboxMessages(int value) {
            mailboxMessages = value;
            return this;
        }

        public Builder mailboxChars(long value) {
            mailboxChars = value;
            return this;
        }

        public Builder allowedOrigins(List<String> value) {
            allowedOrigins = value;
            return this;
        }

        public Builder unstartedGameExpiry(Duration value) {
            unstartedGameExpiry = value;
            return this;
        }

        public Builder finishedGameRetention(Duration value) {
            finishedGameRetention = value;
            return this;
        }

        /** @return the limits @throws IllegalArgumentException for a limit out of its range */
        public Limits build() {
            return new Limits(maxNameLength, maxChannelsPerSocket, gamesPerMinute, framesPerSecond, socketsPerAddress,
                    mailboxMessages, mailboxChars, allowedOrigins, unstartedGameExpiry, finishedGameRetention);
        }
    }

    private static void positive(String field, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(field + " needs a positive duration, not " + d);
        }
    }

    private static void atLeast(String field, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(field + " needs at least " + min + ", not " + value);
        }
    }
}
