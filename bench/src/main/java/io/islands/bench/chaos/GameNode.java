package io.islands.bench.chaos;

import io.islands.engine.game.GameState;
import io.islands.engine.game.GameStateJson;
import io.islands.engine.game.Outcome;
import io.islands.engine.process.GameRequest;
import io.islands.engine.process.GameUnavailableException;
import io.islands.engine.process.Games;
import io.islands.runtime.ExitReason;
import io.islands.runtime.Proc;
import io.islands.runtime.StartResult;
import io.islands.server.game.GameStateCodec;
import io.islands.storage.CloseableStateStore;
import io.islands.storage.StateStores;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A game node: the child JVM of the chaos harness and of the game crash tests. It opens the store
 * (the server's codec and history depth), starts {@link Games} and answers the commands of
 * {@link NodeProtocol} read from stdin, each on a virtual thread of its own, until stdin closes
 * or it is killed. Answers go to stdout, each line in one write(2), so that a SIGKILL cannot
 * split one; everything else the JVM prints goes to stderr.
 *
 * <p>Argument: the store URL.
 */
public final class GameNode {
    /** Stack depth the server uses. */
    static final int HISTORY = 3;

    private final Games games;
    private final FileOutputStream out = new FileOutputStream(FileDescriptor.out);
    private final ReentrantLock outLock = new ReentrantLock();

    private GameNode(Games games) {
        this.games = games;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: GameNode STORE-URL");
            System.exit(2);
        }
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
        CloseableStateStore<GameState> store = StateStores.open(args[0], GameStateCodec.INSTANCE, HISTORY);
        // Generous per-game restart limit: the harness kills games on purpose and must not see
        // them quarantined for it.
        Games games = Games.start(Games.Config.defaults(store).withMaxRestartsPerGame(1000, Duration.ofSeconds(10)));
        GameNode node = new GameNode(games);
        node.answer("ready");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            String command = line;
            Thread.startVirtualThread(() -> node.handle(command));
        }
        games.close();
        store.close();
    }

    private void handle(String line) {
        String[] f = line.split(" ");
        try {
            switch (f[0]) {
                case "start" -> {
                    StartResult r = games.startGame(f[1]);
                    answer(r instanceof StartResult.Ok || r instanceof StartResult.AlreadyStarted
                            ? "ack " + f[1] + " " + f[2] + " started"
                            : "fail " + f[1] + " " + f[2] + " ERROR");
                }
                case "move" -> answer(move(f[1], f[2], NodeProtocol.decode(f)));
                case "state" -> answer("state " + f[1] + " " + f[2] + " " + GameStateJson.toJson(games.state(f[1])));
                case "kill-game" -> {
                    boolean found = games.whereis(f[1]).map(pid -> {
                        Proc.exit(pid, ExitReason.kill());
                        return true;
                    }).orElse(false);
                    answer("killed-game " + f[1] + (found ? " yes" : " no"));
                }
                case "kill-sup" -> {
                    games.supervisor().ifPresent(sup -> Proc.exit(sup, ExitReason.kill()));
                    answer("killed-sup");
                }
                default -> System.err.println("game node: unknown command: " + line);
            }
        } catch (GameUnavailableException e) {
            answer("fail " + f[1] + " " + f[2] + " " + e.why());
        } catch (RuntimeException e) {
            System.err.println("game node: " + line + ": " + e);
            if (f.length >= 3) {
                answer("fail " + f[1] + " " + f[2] + " ERROR");
            }
        }
    }

    private String move(String game, String seq, GameRequest<?> request) {
        Outcome<?> outcome = switch (request) {
            case GameRequest.AddPlayer a -> games.addPlayer(game, a.name());
            case GameRequest.PositionIsland p -> games.positionIsland(game, p.player(), p.island(), p.row(), p.col());
            case GameRequest.SetIslands s -> games.setIslands(game, s.player());
            case GameRequest.GuessCoordinate g -> games.guessCoordinate(game, g.player(), g.row(), g.col());
            default -> throw new IllegalArgumentException("not a move: " + request);
        };
        return "ack " + game + " " + seq + switch (outcome) {
            case Outcome.Ok<?> ok -> " ok " + NodeProtocol.hash(ok.state());
            case Outcome.Failed<?> failed -> " failed";
        };
    }

    /** Writes one line in one write(2). */
    private void answer(String line) {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        outLock.lock();
        try {
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            outLock.unlock();
        }
    }
}
