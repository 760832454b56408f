package io.islands.server.lobby;

import io.islands.engine.game.Player;
import io.islands.runtime.From;
import io.islands.runtime.GenServer;
import io.islands.runtime.InitResult;
import io.islands.runtime.Name;
import io.islands.runtime.Next;
import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import io.islands.runtime.Result;
import io.islands.runtime.supervisor.ChildSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Quick match and rematch (docs/protocol.md §9, §10): pairs waiting players into new games,
 * first come first served, and starts a rematch when both players of a finished game asked.
 *
 * <p>Design note: the queue is the <em>waiting room</em>, a map owned by this object, not by the
 * matchmaker process: a lobby channel puts its own entry in (and takes it out when it cancels or
 * ends), so the entries live as long as the waiting channels do and outlive a crash of the
 * matchmaker. The process, registered under the name given and supervised by the server, is the
 * only one that pairs: it takes the two oldest entries of live channels, marks them
 * {@code pairing} (an atomic replace of an immutable entry: a cancel, an atomic remove of the
 * unmarked entry, then fails, and the player is told the match instead), makes the game, tells
 * both channels, then removes their entries. A process that dies on the way leaves marked
 * entries; the next one, started by the supervisor, unmarks them in its init and pairs again:
 * no waiting player is lost. (If it died after telling one channel and before removing the
 * entries, that player may be told a second game; it takes the first.) Rematch offers are the
 * process's own state, lost with it: a player asks again.
 *
 * <p>Bounds: at most {@link #MAX_WAITING} waiting players and {@link #MAX_OFFERS} rematch offers;
 * one entry per screen name.
 */
public final class Matchmaker {
    /** Waiting players at most; a quick match past it is refused with {@code busy}. */
    public static final int MAX_WAITING = 10_000;
    /** Open rematch offers at most; past it, {@code busy}. */
    static final int MAX_OFFERS = 10_000;
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    /** Pairings per wake-up of the process before it yields to its mailbox (it wakes itself again). */
    private static final int PAIRS_PER_WAKE = 100;

    /** A game made for two players: its name (the host's) and each seat's token. */
    public record Made(String game, String hostToken, String guestToken) {
        @Override
        public String toString() {
            return "Made[" + game + ", <redacted>]";
        }
    }

    /** Makes a game named after {@code host} (player 1) with {@code guest} seated as player 2. */
    @FunctionalInterface
    public interface GameMaker {
        /** @return the game made, or empty when the host's name has a game already (nothing left behind) */
        Optional<Made> make(String host, String guest);
    }

    /** Told to a waiting lobby channel: its game, its role and seat token, its opponent. */
    public record Matched(String game, String role, String token, String opponent) {
        @Override
        public String toString() {
            return "Matched[" + game + ", " + role + ", <redacted>]";
        }
    }

    /** Told to a waiting lobby channel that the matchmaker gave up on it (e.g. {@code name_busy}). */
    public record NotMatched(String reason) {}

    /** Told to each game channel of a rematch: the new game, this channel's new role and token. */
    public record RematchStarted(String game, String role, String token, String opponent) {
        @Override
        public String toString() {
            return "RematchStarted[" + game + ", " + role + ", <redacted>]";
        }
    }

    /** Told to the channel that offered a rematch when it could not start. */
    public record RematchFailed(String reason) {}

    /** What a rematch offer got. */
    public sealed interface Offer {
        /** Recorded; the other player is asked. */
        record Offered() implements Offer {}

        /** Both asked: the game is made and both channels are told ({@link RematchStarted}). */
        record Started(String game) implements Offer {}

        /** @param reason {@code name_busy} or {@code busy} */
        record Refused(String reason) implements Offer {}
    }

    private record Waiting(long seq, String name, Pid channel, boolean pairing) {
        Waiting marked(boolean on) {
            return new Waiting(seq, name, channel, on);
        }
    }

    private final ConcurrentSkipListMap<Long, Waiting> room = new ConcurrentSkipListMap<>();
    private final ConcurrentHashMap<String, Long> byName = new ConcurrentHashMap<>();
    private final AtomicLong seqs = new AtomicLong();
    /** The room's size, kept beside it (a skip list counts by walking). */
    private final java.util.concurrent.atomic.AtomicInteger size = new java.util.concurrent.atomic.AtomicInteger();
    private final AtomicLong matches = new AtomicLong();
    private final AtomicLong rematches = new AtomicLong();
    private final GameMaker maker;
    private final Name name;
    private final Runnable duringPairing;

    /**
     * @param maker makes the games
     * @param name  the matchmaker process's name; start it with {@link #childSpec}
     */
    public Matchmaker(GameMaker maker, Name name) {
        this(maker, name, () -> { });
    }

    /** @param duringPairing runs in the process between marking a pair and making its game (tests kill it there) */
    Matchmaker(GameMaker maker, Name name, Runnable duringPairing) {
        this.maker = Objects.requireNonNull(maker);
        this.name = Objects.requireNonNull(name);
        this.duringPairing = Objects.requireNonNull(duringPairing);
    }

    /** @return a permanent worker spec of the matchmaker process, registered under its name */
    public ChildSpec childSpec(Object id) {
        return ChildSpec.worker(id, () -> GenServer.startLink(new Pairer(), GenServer.StartOptions.named(name)));
    }

    /** @return the matchmaker process's name */
    public Name name() {
        return name;
    }

    /** @return players waiting for a quick match now */
    public int waiting() {
        return size.get();
    }

    /** @return quick matches made so far */
    public long matches() {
        return matches.get();
    }

    /** @return rematches started so far */
    public long rematches() {
        return rematches.get();
    }

    /**
     * Puts {@code screenName}, waiting on the lobby channel {@code channel}, in the queue, and
     * wakes the matchmaker. The channel gets {@link Matched} (or {@link NotMatched}) later.
     *
     * @return empty when queued; else the reason: {@code already_waiting} (this name waits on
     *     another channel) or {@code busy} (the queue is full)
     */
    Optional<String> enqueue(String screenName, Pid channel) {
        if (size.get() >= MAX_WAITING) {
            return Optional.of("busy");
        }
        long seq = seqs.incrementAndGet();
        Long held = byName.putIfAbsent(screenName, seq);
        if (held != null) {
            return Optional.of("already_waiting");
        }
        room.put(seq, new Waiting(seq, screenName, channel, false));
        size.incrementAndGet();
        GenServer.cast(name, Wake.INSTANCE);
        return Optional.empty();
    }

    /**
     * Takes {@code screenName}'s entry of {@code channel} out of the queue, unless the
     * matchmaker is pairing it already (then a {@link Matched} follows).
     *
     * @return true when taken out; false when it is being paired or was not waiting
     */
    boolean cancel(String screenName, Pid channel) {
        Long seq = byName.get(screenName);
        Waiting w = seq == null ? null : room.get(seq);
        if (w == null || !w.channel().equals(channel) || w.pairing() || !room.remove(seq, w)) {
            return false;
        }
        size.decrementAndGet();
        byName.remove(screenName, seq);
        return true;
    }

    /** The channel of {@code screenName} ended or was told its match: its entry goes, whatever its mark. */
    void gone(String screenName, Pid channel) {
        Long seq = byName.get(screenName);
        Waiting w = seq == null ? null : room.get(seq);
        if (w != null && w.channel().equals(channel) && room.remove(seq) != null) {
            size.decrementAndGet();
            byName.remove(screenName, seq);
        }
    }

    /** @return whether {@code screenName} waits on {@code channel} */
    boolean waits(String screenName, Pid channel) {
        Long seq = byName.get(screenName);
        Waiting w = seq == null ? null : room.get(seq);
        return w != null && w.channel().equals(channel);
    }

    /**
     * A player of the finished {@code game} asks for a rematch, from its game channel. When the
     * other player asked already (from a channel still alive), a game named after the old player 2
     * starts with the roles swapped, and both channels get {@link RematchStarted}.
     *
     * @param role        the asking channel's role in {@code game}
     * @param player1Name the old game's player 1 (the game's name)
     * @param player2Name the old game's player 2
     * @throws io.islands.runtime.ExitException when the matchmaker does not answer in time
     */
    Offer offerRematch(String game, Player role, String player1Name, String player2Name, Pid channel) {
        return (Offer) GenServer.call(name, new RematchAsk(game, role, player1Name, player2Name, channel), CALL_TIMEOUT);
    }

    private enum Wake { INSTANCE }

    private record RematchAsk(String game, Player role, String player1Name, String player2Name, Pid channel) {}

    /** The process state: the open rematch offers, game to the asking role's channel. Immutable. */
    private record State(Map<String, RematchAsk> offers) {}

    private final class Pairer implements GenServer<State> {
        @Override
        public InitResult<State> init() {
            // a matchmaker that died while pairing left its marks: those players wait again
            room.replaceAll((seq, w) -> w.pairing() ? w.marked(false) : w);
            return InitResult.ok(new State(Map.of()), Next.continueWith(Wake.INSTANCE));
        }

        @Override
        public Result<State> handleContinue(Object value, State s) {
            return pair(s);
        }

        @Override
        public Result<State> handleCast(Object request, State s) {
            if (request != Wake.INSTANCE) {
                throw new IllegalArgumentException("not a matchmaker cast: " + request);
            }
            return pair(s);
        }

        @Override
        public Result<State> handleCall(Object request, From from, State s) {
            if (!(request instanceof RematchAsk ask)) {
                throw new IllegalArgumentException("not a matchmaker call: " + request);
            }
            Map<String, RematchAsk> offers = new HashMap<>(s.offers());
            offers.values().removeIf(o -> !Proc.isAlive(o.channel()));
            RematchAsk other = offers.get(ask.game());
            if (other == null || other.role() == ask.role()) {
                if (offers.size() >= MAX_OFFERS && other == null) {
                    return Result.reply(new Offer.Refused("busy"), new State(Map.copyOf(offers)));
                }
                offers.put(ask.game(), ask);
                return Result.reply(new Offer.Offered(), new State(Map.copyOf(offers)));
            }
            offers.remove(ask.game());
            State next = new State(Map.copyOf(offers));
            // roles swapped: the old player 2 hosts (a game is named after its player 1)
            Optional<Made> made = maker.make(ask.player2Name(), ask.player1Name());
            if (made.isEmpty()) {
                Proc.send(other.channel(), new RematchFailed("name_busy"));
                return Result.reply(new Offer.Refused("name_busy"), next);
            }
            Made m = made.get();
            rematches.incrementAndGet();
            for (RematchAsk a : List.of(ask, other)) {
                boolean wasPlayer2 = a.role() == Player.PLAYER2;
                Proc.send(a.channel(), new RematchStarted(m.game(), wasPlayer2 ? "player1" : "player2",
                        wasPlayer2 ? m.hostToken() : m.guestToken(),
                        wasPlayer2 ? ask.player1Name() : ask.player2Name()));
            }
            return Result.reply(new Offer.Started(m.game()), next);
        }

        /** Pairs the oldest waiting players, two by two, up to {@link #PAIRS_PER_WAKE} pairs. */
        private Result<State> pair(State s) {
            for (int i = 0; i < PAIRS_PER_WAKE; i++) {
                List<Waiting> two = oldestTwo();
                if (two.size() < 2) {
                    return Result.noReply(s);
                }
                Waiting a = two.get(0).marked(true);
                Waiting b = two.get(1).marked(true);
                if (!room.replace(a.seq(), two.get(0), a)) {
                    continue; // cancelled meanwhile
                }
                if (!room.replace(b.seq(), two.get(1), b)) {
                    room.replace(a.seq(), a, two.get(0));
                    continue;
                }
                duringPairing.run();
                Optional<Made> made = maker.make(a.name(), b.name());
                boolean aHosts = made.isPresent();
                if (made.isEmpty()) {
                    made = maker.make(b.name(), a.name());
                }
                if (made.isEmpty()) {
                    // both names have games: the later one is told to use another name, the older waits on
                    Proc.send(b.channel(), new NotMatched("name_busy"));
                    gone(b.name(), b.channel());
                    room.replace(a.seq(), a, two.get(0));
                    continue;
                }
                Made m = made.get();
                Waiting host = aHosts ? a : b;
                Waiting guest = aHosts ? b : a;
                Proc.send(host.channel(), new Matched(m.game(), "player1", m.hostToken(), guest.name()));
                Proc.send(guest.channel(), new Matched(m.game(), "player2", m.guestToken(), host.name()));
                matches.incrementAndGet();
                gone(a.name(), a.channel());
                gone(b.name(), b.channel());
            }
            GenServer.cast(Proc.self(), Wake.INSTANCE); // more to pair: after the mailbox's turn
            return Result.noReply(s);
        }

        /** The two oldest unmarked entries of live channels; dead channels' entries are dropped. */
        private List<Waiting> oldestTwo() {
            List<Waiting> two = new ArrayList<>(2);
            for (Waiting w : room.values()) {
                if (!Proc.isAlive(w.channel())) {
                    gone(w.name(), w.channel());
                } else if (!w.pairing()) {
                    two.add(w);
                    if (two.size() == 2) {
                        break;
                    }
                }
            }
            return two;
        }
    }
}
