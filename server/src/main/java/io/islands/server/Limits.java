package io.islands.server;

import io.islands.server.phoenix.PhoenixServer;
import java.time.Duration;
import java.util.List;

/**
 * The bounds the server puts on what anonymous clients may do (docs/security.md). Immutable;
 * every field is a {@code serve} option ({@link ServeOptions}).
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
        return new Limits(DEFAULT_MAX_NAME_LENGTH, PhoenixServer.DEFAULT_MAX_CHANNELS_PER_SOCKET, DEFAULT_GAMES_PER_MINUTE,
                PhoenixServer.DEFAULT_FRAMES_PER_SECOND, PhoenixServer.DEFAULT_MAX_SOCKETS_PER_ADDRESS,
                PhoenixServer.DEFAULT_MAILBOX_MESSAGES, PhoenixServer.DEFAULT_MAILBOX_CHARS, List.of(),
                DEFAULT_UNSTARTED_GAME_EXPIRY, DEFAULT_FINISHED_GAME_RETENTION);
    }

    public Limits withMaxNameLength(int v) {
        return new Limits(v, maxChannelsPerSocket, gamesPerMinute, framesPerSecond, socketsPerAddress,
                mailboxMessages, mailboxChars, allowedOrigins, unstartedGameExpiry, finishedGameRetention);
    }

    public Limits withMaxChannelsPerSocket(int v) {
        return new Limits(maxNameLength, v, gamesPerMinute, framesPerSecond, socketsPerAddress,
                mailboxMessages, mailboxChars, allowedOrigins, unstartedGameExpiry, finishedGameRetention);
    }

    public Limits withGamesPerMinute(int v) {
        return new Limits(maxNameLength, maxChannelsPerSocket, v, framesPerSecond, socketsPerAddress,
                mailboxMessages, mailboxChars, allowedOrigins, unstartedGameExpiry, finishedGameRetention);
    }

    public Limits withFramesPerSecond(int v) {
        return new Limits(maxNameLength, maxChannelsPerSocket, gamesPerMinute, v, socketsPerAddress,
                mailboxMessages, mailboxChars, allowedOrigins, unstartedGameExpiry, finishedGameRetention);
    }

    public Limits withSocketsPerAddress(int v) {
        return new Limits(maxNameLength, maxChannelsPerSocket, gamesPerMinute, framesPerSecond, v,
                mailboxMessages, mailboxChars, allowedOrigins, unstartedGameExpiry, finishedGameRetention);
    }

    public Limits withMailbox(int messages, long chars) {
        return new Limits(maxNameLength, maxChannelsPerSocket, gamesPerMinute, framesPerSecond, socketsPerAddress,
                messages, chars, allowedOrigins, unstartedGameExpiry, finishedGameRetention);
    }

    public Limits withAllowedOrigins(List<String> v) {
        return new Limits(maxNameLength, maxChannelsPerSocket, gamesPerMinute, framesPerSecond, socketsPerAddress,
                mailboxMessages, mailboxChars, v, unstartedGameExpiry, finishedGameRetention);
    }

    public Limits withUnstartedGameExpiry(Duration v) {
        return new Limits(maxNameLength, maxChannelsPerSocket, gamesPerMinute, framesPerSecond, socketsPerAddress,
                mailboxMessages, mailboxChars, allowedOrigins, v, finishedGameRetention);
    }

    public Limits withFinishedGameRetention(Duration v) {
        return new Limits(maxNameLength, maxChannelsPerSocket, gamesPerMinute, framesPerSecond, socketsPerAddress,
                mailboxMessages, mailboxChars, allowedOrigins, unstartedGameExpiry, v);
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
