package io.islands.bench.chaos;

import io.islands.engine.game.GameState;
import io.islands.engine.game.GameStateJson;
import io.islands.engine.game.Outcome;
import io.islands.engine.game.RulesState;
import io.islands.engine.process.GameRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Plays games on a {@link GameNode} child JVM while injecting faults, and checks every game
 * against a model of its acknowledged moves.
 *
 * <p>The model: for each game, the state after its last acknowledged change (computed with the
 * engine's rules, without any process) and a short history of earlier ones. Every {@code ack}
 * must match the rules applied to the model (the node sends a hash of the new state). A command
 * whose answer is lost (node killed) or that fails (game unavailable) is settled by reading the
 * game back: it may or may not have been applied, but nothing acknowledged may be missing. After
 * every node restart the games in play are read back through the node (so through recovery
 * from the store) and compared; finished games too after the last restart, and in crash mode
 * after every one. An older state counts the acknowledged changes it lacks as lost.
 *
 * <p>Design note: one thread (the caller of {@link #run}) owns all of the model and the node
 * handle; the node's answers reach it through the node's line queue. Nothing here is shared.
 */
public final class ChaosRun {
    private static final int HISTORY = 64;
    private static final Duration SILENCE_LIMIT = Duration.ofSeconds(60);

    private enum Phase { WAITING, CHECKING }

    /** An acknowledged state and the number of acknowledged changes it includes. */
    private record Acked(GameState state, long changes) {}

    /** One game as the driver knows it. */
    private static final class Game {
        final String name;
        GameState model; // null until the start is acknowledged
        final List<Acked> history = new ArrayList<>(); // newest first
        long changes;
        long seq;
        Phase phase;
        GameRequest<?> inFlight; // the move in flight, null for a start or a state read
        GameState pendingResult; // a state the game may have reached by a command whose answer was lost
        int failedReads;

        Game(String name) {
            this.name = name;
        }

        boolean over() {
            return model != null && model.rules().state() == RulesState.GAME_OVER;
        }

        void acknowledge(GameState state) {
            model = state;
            changes++;
            history.addFirst(new Acked(state, changes));
            if (history.size() > HISTORY) {
                history.removeLast();
            }
        }
    }

    private final ChaosOptions options;
    private final SplittableRandom moves;
    private final SplittableRandom faults;
    private final Map<String, Game> active = new LinkedHashMap<>();
    private final List<Game> finished = new ArrayList<>();
    private final Map<Fault, Long> injected = new EnumMap<>(Fault.class);
    private final List<String> problems = new ArrayList<>();
    private final List<Fault> firstFaults = new ArrayList<>();
    private long acknowledged;
    private long lost;
    private long unanswered;
    private long appliedUnanswered;
    private long wrongAnswers;
    private long gamesPlayed;
    private int recoveries;
    private int fullRecoveries;
    private long started;
    private NodeProcess node;

    private ChaosRun(ChaosOptions options) {
        this.options = options;
        this.moves = new SplittableRandom(options.seed());
        this.faults = new SplittableRandom(options.seed() ^ 0x9E3779B97F4A7C15L);
        for (Fault f : Fault.values()) {
            if (options.faults().contains(f)) {
                firstFaults.add(f);
            }
        }
        for (int i = firstFaults.size() - 1; i > 0; i--) { // seeded shuffle: the first faults, one of each kind
            int j = faults.nextInt(i + 1);
            firstFaults.set(i, firstFaults.set(j, firstFaults.get(i)));
        }
    }

    /**
     * Runs the harness to its end: plays, injects faults, and at the end kills the node once more
     * and checks every game after that last recovery.
     *
     * @param progress gets a snapshot about every 3 s (on the calling thread)
     * @return the report
     * @throws IOException if the node cannot be started
     * @throws IllegalStateException if the node dies on its own, or stops answering for 60 s
     */
    public static ChaosReport run(ChaosOptions options, Consumer<ChaosReport> progress) throws IOException, InterruptedException {
        return new ChaosRun(options).loop(progress);
    }

    private ChaosReport loop(Consumer<ChaosReport> progress) throws IOException, InterruptedException {
        started = System.nanoTime();
        Files.createDirectories(options.workDir());
        startNode();
        for (int i = 0; i < options.games(); i++) {
            newGame("g" + i);
        }
        node.flush();
        long nextProgress = started + TimeUnit.SECONDS.toNanos(3);
        long nextFault = System.nanoTime() + faultGap();
        long acksBeforeKill = 1 + faults.nextInt(150);
        long acksSinceRecovery = 0;
        long lastLine = System.nanoTime();
        while (!finished()) {
            String line = node.lines.poll(50, TimeUnit.MILLISECONDS);
            long now = System.nanoTime();
            if (line == null) {
                if (now - lastLine > SILENCE_LIMIT.toNanos()) {
                    throw new IllegalStateException("the game node stopped answering for " + SILENCE_LIMIT + "; log: "
                            + logTail());
                }
            } else if (line.equals(NodeProcess.EOF)) {
                throw new IllegalStateException("the game node died on its own; log: " + logTail());
            } else {
                lastLine = now;
                if (handle(line)) {
                    acksSinceRecovery++;
                }
            }
            boolean nodeKillDue = options.crashMode() && acksSinceRecovery >= acksBeforeKill;
            if (!options.crashMode() && now >= nextFault) {
                Fault f = firstFaults.isEmpty() ? randomFault() : firstFaults.removeFirst();
                if (f == Fault.NODE_KILL) {
                    nodeKillDue = true;
                } else {
                    inject(f);
                }
                nextFault = now + faultGap();
            }
            if (nodeKillDue) {
                injected.merge(Fault.NODE_KILL, 1L, Long::sum);
                killAndRecover(options.crashMode());
                acksSinceRecovery = 0;
                acksBeforeKill = 1 + faults.nextInt(150);
                lastLine = System.nanoTime();
            }
            node.flush();
            if (now >= nextProgress) {
                progress.accept(report());
                nextProgress = now + TimeUnit.SECONDS.toNanos(3);
            }
        }
        if (!options.crashMode()) {
            killAndRecover(true); // the final check: every game after one more recovery
        }
        node.close();
        return report();
    }

    private boolean finished() {
        if (options.duration() != null) {
            return System.nanoTime() - started >= options.duration().toNanos();
        }
        return injected.getOrDefault(Fault.NODE_KILL, 0L) >= options.nodeKills();
    }

    private long faultGap() {
        return TimeUnit.MILLISECONDS.toNanos(300 + faults.nextInt(1700));
    }

    private Fault randomFault() {
        List<Fault> kinds = java.util.Arrays.stream(Fault.values()).filter(options.faults()::contains).toList();
        int roll = faults.nextInt(10); // weights: game kill 6, supervisor kill 2, node kill 2
        Fault f = roll < 6 ? Fault.GAME_KILL : roll < 8 ? Fault.SUPERVISOR_KILL : Fault.NODE_KILL;
        return kinds.contains(f) ? f : kinds.get(faults.nextInt(kinds.size()));
    }

    private void inject(Fault f) {
        switch (f) {
            case GAME_KILL -> {
                List<String> names = List.copyOf(active.keySet());
                node.send("kill-game " + names.get(faults.nextInt(names.size())));
            }
            case SUPERVISOR_KILL -> node.send("kill-sup");
            case NODE_KILL -> throw new IllegalArgumentException("node kills are not sent to the node");
        }
    }

    // ---- the node's life -------------------------------------------------------------------

    private Path log() {
        return options.workDir().resolve("game-node.log");
    }

    private String logTail() {
        try {
            String all = Files.exists(log()) ? Files.readString(log()) : "";
            return log() + "\n" + all.substring(Math.max(0, all.length() - 4000));
        } catch (IOException e) {
            return log() + " (unreadable: " + e + ")";
        }
    }

    private void startNode() throws IOException, InterruptedException {
        node = NodeProcess.start(options.storeUrl(), options.workDir().resolve("game-node.jsa"), log());
        long deadline = System.nanoTime() + SILENCE_LIMIT.toNanos();
        List<String> before = new ArrayList<>(); // the JVM may print warnings on stdout before it runs the node
        for (String line; !"ready".equals(line = node.lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)); ) {
            if (line == null || line.equals(NodeProcess.EOF)) {
                node.close();
                throw new IllegalStateException("the game node did not start (it wrote " + before + "); log: " + logTail());
            }
            before.add(line);
        }
    }

    /**
     * SIGKILLs the node, takes in the answers it wrote before dying, starts a new node and reads
     * the games back through it (which activates each from the store): the games being played,
     * and with {@code all} the finished ones too.
     */
    private void killAndRecover(boolean all) throws IOException, InterruptedException {
        int code = node.kill();
        if (code != 137) {
            throw new IllegalStateException("the game node exited with " + code + " instead of 137 (SIGKILL); log: " + logTail());
        }
        for (String line; !(line = node.lines.take()).equals(NodeProcess.EOF); ) {
            handle(line);
        }
        for (Game g : active.values()) {
            if (g.phase == Phase.WAITING) { // its answer is lost: it may or may not have been applied
                unanswered++;
                g.pendingResult = expectedResult(g);
            }
        }
        startNode();
        List<Game> check = new ArrayList<>(active.values());
        if (all) {
            check.addAll(finished);
        }
        for (Game g : check) {
            read(g);
        }
        node.flush();
        // wait until every game is settled, keeping the active ones playing as they are
        int open = check.size();
        Set<Game> pending = new HashSet<>(check);
        while (!pending.isEmpty()) {
            String line = node.lines.poll(SILENCE_LIMIT.toSeconds(), TimeUnit.SECONDS);
            if (line == null || line.equals(NodeProcess.EOF)) {
                throw new IllegalStateException("the game node " + (line == null ? "stopped answering" : "died")
                        + " while " + pending.size() + " of " + open + " games were read back; log: " + logTail());
            }
            String[] f = line.split(" ", 4);
            Game g = f.length >= 2 ? game(f[1]) : null;
            boolean wasChecking = g != null && g.phase == Phase.CHECKING;
            handle(line);
            if (wasChecking && g.phase != Phase.CHECKING) {
                pending.remove(g);
            }
            node.flush();
        }
        if (all) {
            fullRecoveries++;
        }
        recoveries++;
    }

    // ---- answers ---------------------------------------------------------------------------

    private Game game(String name) {
        Game g = active.get(name);
        if (g != null) {
            return g;
        }
        for (Game f : finished) {
            if (f.name.equals(name)) {
                return f;
            }
        }
        return null;
    }

    /** Handles one line of the node. @return whether it acknowledged a command */
    private boolean handle(String line) {
        String[] f = line.split(" ", 4);
        switch (f[0]) {
            case "killed-game" -> {
                if (line.endsWith(" yes")) {
                    injected.merge(Fault.GAME_KILL, 1L, Long::sum);
                }
                return false;
            }
            case "killed-sup" -> {
                injected.merge(Fault.SUPERVISOR_KILL, 1L, Long::sum);
                return false;
            }
            default -> {
                // an answer about a game, below
            }
        }
        if (f.length < 3) {
            return false; // a line cut short by a SIGKILL: never acknowledged
        }
        Game g = game(f[1]);
        if (g == null || !f[2].equals(Long.toString(g.seq))) {
            return false; // not an answer to the game's current command
        }
        String rest = f.length == 4 ? f[3] : "";
        return switch (f[0]) {
            case "ack" -> {
                ack(g, rest);
                yield true;
            }
            case "fail" -> {
                failed(g, rest);
                yield false;
            }
            case "state" -> {
                readBack(g, rest);
                yield false;
            }
            default -> false;
        };
    }

    private void ack(Game g, String rest) {
        if (g.phase != Phase.WAITING) {
            return;
        }
        acknowledged++;
        if (g.inFlight == null) { // a start
            if (rest.equals("started") && g.model == null) {
                g.acknowledge(GameState.fresh(g.name));
            }
            next(g);
            return;
        }
        Outcome<?> want = NodeProtocol.apply(g.model, g.inFlight);
        String got = rest;
        String expected = switch (want) {
            case Outcome.Ok<?> ok -> "ok " + NodeProtocol.hash(ok.state());
            case Outcome.Failed<?> failed -> "failed";
        };
        if (!got.equals(expected)) {
            wrongAnswers++;
            problems.add(g.name + ": answered '" + got + "' to " + g.inFlight + ", the rules say '" + expected + "'");
            g.pendingResult = null;
            read(g);
            return;
        }
        if (want instanceof Outcome.Ok<?> ok) {
            g.acknowledge(ok.state());
        }
        next(g);
    }

    private void failed(Game g, String why) {
        if (g.phase == Phase.WAITING) {
            unanswered++;
            g.pendingResult = expectedResult(g);
            read(g);
            return;
        }
        // a read back failed
        switch (why) {
            case "NOT_FOUND" -> {
                if (g.model == null) { // its start was never acknowledged, and did not happen
                    g.pendingResult = null;
                    next(g);
                } else {
                    gone(g, "missing from the store");
                }
            }
            case "QUARANTINED" -> gone(g, "quarantined");
            default -> {
                if (++g.failedReads > 20) {
                    gone(g, "unreadable (" + why + ") 20 times in a row");
                } else {
                    read(g);
                }
            }
        }
    }

    /** A game that cannot be read back: all its acknowledged changes are lost; a new game replaces it. */
    private void gone(Game g, String why) {
        lost += g.changes;
        problems.add(g.name + ": " + why + " after " + g.changes + " acknowledged changes");
        g.phase = null;
        if (active.remove(g.name) != null) {
            newGame(g.name + "x");
        }
    }

    private void readBack(Game g, String json) {
        if (g.phase != Phase.CHECKING) {
            return;
        }
        GameState s;
        try {
            s = GameStateJson.fromJson(json);
        } catch (RuntimeException e) { // GameStateFormatException, or a line cut short
            read(g); // a line cut short: read again
            return;
        }
        g.failedReads = 0;
        if (g.pendingResult != null && s.equals(g.pendingResult)) {
            appliedUnanswered++;
            g.acknowledge(s);
        } else if (g.model == null || !s.equals(g.model)) {
            settleOlder(g, s);
        }
        g.pendingResult = null;
        next(g);
    }

    /** The game came back in a state other than its last acknowledged one. */
    private void settleOlder(Game g, GameState s) {
        long missing = g.changes;
        String what = "an unknown state";
        for (int i = 0; i < g.history.size(); i++) {
            if (g.history.get(i).state().equals(s)) {
                missing = g.changes - g.history.get(i).changes();
                what = "its state of " + i + " acknowledged changes ago";
                break;
            }
        }
        lost += missing;
        problems.add(g.name + ": came back in " + what + " (" + missing + " acknowledged changes lost)");
        g.history.clear();
        g.model = s;
        g.history.add(new Acked(s, g.changes));
    }

    // ---- commands --------------------------------------------------------------------------

    private void newGame(String name) {
        Game g = new Game(name);
        active.put(name, g);
        gamesPlayed++;
        next(g);
    }

    /** Sends the game's next command: its start, its next move, or (game over) a new game instead. */
    private void next(Game g) {
        if (!active.containsKey(g.name)) {
            g.phase = null; // finished or replaced games are only read back
            return;
        }
        g.seq++;
        g.phase = Phase.WAITING;
        if (g.model == null) {
            g.inFlight = null;
            node.send("start " + g.name + " " + g.seq);
        } else if (g.over()) {
            g.phase = null;
            active.remove(g.name);
            finished.add(g);
            newGame(nextName(g.name));
        } else {
            g.inFlight = RandomPlay.next(moves, g.model);
            node.send("move " + g.name + " " + g.seq + " " + NodeProtocol.encode(g.inFlight));
        }
    }

    private static String nextName(String name) {
        int dot = name.indexOf('.');
        String base = dot < 0 ? name : name.substring(0, dot);
        int round = dot < 0 ? 1 : Integer.parseInt(name.substring(dot + 1).replace("x", "")) + 1;
        return base + "." + round;
    }

    private void read(Game g) {
        g.seq++;
        g.phase = Phase.CHECKING;
        node.send("state " + g.name + " " + g.seq);
    }

    /** @return the state the game is in if its command in flight was applied, or null if it changes nothing */
    private static GameState expectedResult(Game g) {
        if (g.inFlight == null) {
            return g.model == null ? GameState.fresh(g.name) : null;
        }
        return NodeProtocol.apply(g.model, g.inFlight) instanceof Outcome.Ok<?> ok ? ok.state() : null;
    }

    private ChaosReport report() {
        return new ChaosReport(Duration.ofNanos(System.nanoTime() - started), injected, acknowledged, lost, unanswered,
                appliedUnanswered, wrongAnswers, gamesPlayed, problems, recoveries, fullRecoveries);
    }
}
