package io.islands.server.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.islands.engine.game.GameState;
import io.islands.engine.game.Island;
import io.islands.engine.game.PlayerState;
import io.islands.engine.game.RulesState;
import io.islands.engine.process.GameUnavailableException;
import io.islands.runtime.ExitReason;
import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import io.islands.server.IslandsServer;
import io.islands.server.Limits;
import io.islands.server.ServerConfig;
import io.islands.server.phoenix.WsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A seeded protocol fuzzer (issue 14): 20,000 random frames (valid and broken joins, pushes with
 * random payloads, garbage, reserved events, odd topics, leaves, reconnects) from six sockets
 * against a real server, with a game process killed on purpose now and then. Afterwards the
 * server is ready, a fresh pair of players can still play, every game's state obeys the rules,
 * and nothing crashed (no crash report, no phx_error) but the processes the fuzzer killed.
 * Replay a run with {@code -Dfuzz.seed=N} (the seed is printed first).
 */
class ProtocolFuzzTest {
    private static final int FRAMES = Integer.getInteger("fuzz.frames", 20_000);
    private static final int SOCKETS = 6;
    private static final String[] GAMES = {"g0", "g1", "g2", "g3"};
    private static final String[] NAMES = {"g0", "g1", "g2", "g3", "diva", "sun"};
    private static final String[] EVENTS = {"view", "new_game", "add_player", "position_island", "set_islands",
        "guess_coordinate", "show_subscribers", "quick_match", "cancel_match", "rematch", "phx_leave", "phx_reply", "phx_error", "phx_close", "heartbeat", "nope", ""};
    private static final String[] ISLANDS = {"atoll", "dot", "l_shape", "s_shape", "square", "boat", ""};

    private final SplittableRandom random;
    private final List<String> tokens = new ArrayList<>();
    private final List<String> invitations = new ArrayList<>();

    ProtocolFuzzTest() {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        System.out.println("ProtocolFuzzTest seed=" + seed + " (replay: -Dfuzz.seed=" + seed + ")");
        random = new SplittableRandom(seed);
    }

    @Test
    void randomFramesFromSeveralSocketsLeaveTheServerHealthyAndEveryGameLegal() throws Exception {
        ListAppender<ILoggingEvent> crashes = new ListAppender<>();
        crashes.start();
        Logger crashLog = (Logger) LoggerFactory.getLogger("io.islands.runtime.crash");
        crashLog.addAppender(crashes);
        ServerConfig config = ServerConfig.builder().port(0).store("memory:")
                .limits(Limits.builder().framesPerSecond(5_000).gamesPerMinute(1_000).build()).build();
        int killed = 0;
        try (IslandsServer server = IslandsServer.start(config)) {
            List<WsClient> sockets = new ArrayList<>();
            for (int i = 0; i < SOCKETS; i++) {
                sockets.add(WsClient.connect(server.port()));
            }
            int reconnects = 0;
            for (int n = 0; n < FRAMES; n++) {
                int i = random.nextInt(SOCKETS);
                WsClient c = sockets.get(i);
                if (c.isClosed() || random.nextInt(2_000) == 0) {
                    c.close();
                    sockets.set(i, WsClient.connect(server.port()));
                    reconnects++;
                    continue;
                }
                try {
                    c.sendRaw(frame());
                } catch (Exception e) {
                    // the server closed it (a limit): reconnect on its next turn
                }
                if (random.nextInt(1_500) == 0 && killGame(server)) {
                    killed++;
                }
                if (n % 50 == 0) {
                    for (WsClient s : sockets) {
                        harvest(s);
                    }
                }
            }
            for (WsClient s : sockets) {
                s.close();
            }
            System.out.println("ProtocolFuzzTest: " + FRAMES + " frames, " + reconnects + " reconnects, "
                    + killed + " games killed on purpose, " + tokens.size() + " tokens and " + invitations.size() + " invitations kept");

            HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/ready")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
            stillPlayable(server);
            Set<String> names = new HashSet<>(server.games().runningNames());
            names.addAll(server.games().store().keys());
            for (String game : names) {
                obeysTheRules(game, server.games().state(game));
            }
            assertThat(crashes.list).as("crash reports").isEmpty();
        } finally {
            crashLog.detachAppender(crashes);
        }
    }

    private static final Pattern TOKEN = Pattern.compile("\"token\":\"([A-Za-z0-9_-]{32})\"");
    private static final Pattern INVITATION = Pattern.compile("\"invitation\":\"([A-Za-z0-9_-]{32})\"");

    /** Keeps (the last 50) tokens and invitations the server handed out, for later joins to replay. */
    private void harvest(WsClient c) {
        for (String frame : c.drain()) {
            keep(TOKEN.matcher(frame), tokens);
            keep(INVITATION.matcher(frame), invitations);
        }
    }

    private static void keep(Matcher m, List<String> into) {
        while (m.find()) {
            into.add(m.group(1));
            if (into.size() > 50) {
                into.remove(0);
            }
        }
    }

    private boolean killGame(IslandsServer server) {
        List<String> running = server.games().runningNames();
        if (running.isEmpty()) {
            return false;
        }
        Optional<Pid> pid = server.games().whereis(running.get(random.nextInt(running.size())));
        pid.ifPresent(p -> Proc.exit(p, ExitReason.kill()));
        return pid.isPresent();
    }

    private String frame() {
        return switch (random.nextInt(12)) {
            case 0 -> garbage();
            case 1 -> "[null,\"" + random.nextInt(100) + "\",\"phoenix\",\"heartbeat\",{}]";
            case 2, 3 -> join();
            default -> push();
        };
    }

    private String join() {
        String game = pick(GAMES);
        String name = random.nextInt(4) == 0 ? game : pick(NAMES);
        StringBuilder params = new StringBuilder("{\"screen_name\":" + json(name));
        if (random.nextInt(3) == 0) {
            params.append(",\"token\":").append(json(randomSecret(tokens)));
        }
        if (random.nextInt(4) == 0) {
            params.append(",\"invite\":").append(random.nextBoolean());
        }
        if (random.nextInt(4) == 0) {
            params.append(",\"invitation\":").append(json(randomSecret(invitations)));
        }
        params.append('}');
        String ref = Integer.toString(random.nextInt(50));
        return "[" + json(ref) + "," + json(ref) + "," + json(topic(game)) + ",\"phx_join\"," + params + "]";
    }

    private String push() {
        String game = pick(GAMES);
        String event = pick(EVENTS);
        String payload = switch (event) {
            case "add_player" -> json(pick(NAMES));
            case "set_islands" -> json(random.nextBoolean() ? "player1" : "player2");
            case "position_island" -> "{\"player\":" + json(player()) + ",\"island\":" + json(pick(ISLANDS))
                    + ",\"row\":" + cell() + ",\"col\":" + cell() + "}";
            case "guess_coordinate" -> "{\"player\":" + json(player()) + ",\"row\":" + cell() + ",\"col\":" + cell() + "}";
            case "quick_match" -> random.nextBoolean() ? "{\"screen_name\":" + json(pick(NAMES)) + "}" : anyJson(2);
            default -> random.nextBoolean() ? "{}" : anyJson(2);
        };
        String joinRef = random.nextInt(5) == 0 ? "null" : json(Integer.toString(random.nextInt(50)));
        return "[" + joinRef + "," + json(Integer.toString(random.nextInt(1_000))) + "," + json(topic(game)) + ","
                + json(event) + "," + payload + "]";
    }

    private String topic(String game) {
        return switch (random.nextInt(20)) {
            case 0 -> "game:";
            case 1 -> "game:seats:" + game;
            case 2 -> "game:islands:ready-probe";
            case 3 -> "game:" + game + "\n\u0000\u202e";
            case 4 -> "room:" + game;
            case 5 -> "game:" + "x".repeat(41);
            case 6 -> "lobby";
            default -> "game:" + game;
        };
    }

    private String player() {
        return switch (random.nextInt(5)) {
            case 0 -> "player2";
            case 1 -> "player3";
            case 2 -> "";
            default -> "player1";
        };
    }

    private String cell() {
        return switch (random.nextInt(8)) {
            case 0 -> Integer.toString(random.nextInt(-5, 20));
            case 1 -> "\"3\"";
            case 2 -> "null";
            case 3 -> "1.5";
            default -> Integer.toString(random.nextInt(1, 11));
        };
    }

    private String garbage() {
        return switch (random.nextInt(8)) {
            case 0 -> "";
            case 1 -> "not json\nERROR forged line";
            case 2 -> "[1,2,3]";
            case 3 -> "{\"topic\":\"phoenix\"}";
            case 4 -> "[null,null,\"phoenix\",\"heartbeat\",{}] trailing";
            case 5 -> "[\"1\",\"1\",\"game:g0\",\"phx_join\"," + "[".repeat(200) + "]".repeat(200) + "]";
            case 6 -> "[\"1\",\"1\",\"game:g0\",\"position_island\",{\"player\":\"player1\",\"island\":\""
                    + "é".repeat(random.nextInt(1, 20_000)) + "\"}]";
            default -> anyJson(4);
        };
    }

    /** A random JSON value, nested up to {@code depth}. */
    private String anyJson(int depth) {
        return switch (depth <= 0 ? random.nextInt(4) : random.nextInt(6)) {
            case 0 -> "null";
            case 1 -> Long.toString(random.nextLong());
            case 2 -> json(randomText());
            case 3 -> random.nextBoolean() ? "true" : "false";
            case 4 -> {
                List<String> items = new ArrayList<>();
                for (int i = random.nextInt(5); i > 0; i--) {
                    items.add(anyJson(depth - 1));
                }
                yield "[" + String.join(",", items) + "]";
            }
            default -> {
                List<String> members = new ArrayList<>();
                for (int i = random.nextInt(5); i > 0; i--) {
                    members.add(json(random.nextBoolean() ? pick(new String[] {"player", "row", "col", "island", "token"})
                            : randomText()) + ":" + anyJson(depth - 1));
                }
                yield "{" + String.join(",", members) + "}";
            }
        };
    }

    private String randomText() {
        StringBuilder b = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            b.append((char) random.nextInt(0, random.nextBoolean() ? 0x80 : 0x3000));
        }
        return b.toString();
    }

    private String randomSecret(List<String> seen) {
        return !seen.isEmpty() && random.nextBoolean() ? seen.get(random.nextInt(seen.size())) : randomText();
    }

    private String pick(String[] from) {
        return from[random.nextInt(from.length)];
    }

    /** A JSON string literal of {@code s}, every character outside printable ASCII escaped. */
    private static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            if (ch == '"' || ch == '\\') {
                b.append('\\').append(ch);
            } else if (ch < 0x20 || ch > 0x7e) {
                b.append(String.format("\\u%04x", (int) ch));
            } else {
                b.append(ch);
            }
        }
        return b.append('"').toString();
    }

    /** A fresh pair of players on a fresh name can create, join and start a game. */
    private static void stillPlayable(IslandsServer server) throws Exception {
        try (WsClient moon = WsClient.connect(server.port()); WsClient diva = WsClient.connect(server.port())) {
            String m = moon.join("game:after", Map.of("screen_name", "after"));
            assertThat(moon.replyTo(m).get("status").asText()).isEqualTo("ok");
            assertThat(moon.replyTo(moon.send(m, "game:after", "new_game", Map.of())).get("status").asText()).isEqualTo("ok");
            String d = diva.join("game:after", Map.of("screen_name", "diva"));
            assertThat(diva.replyTo(d).get("status").asText()).isEqualTo("ok");
            diva.send(d, "game:after", "add_player", "diva");
            String view = diva.send(d, "game:after", "view", Map.of());
            assertThat(diva.replyTo(view).at("/response/view/role").asText()).isEqualTo("player2");
        }
    }

    /** The game's state is one the rules can reach. */
    private static void obeysTheRules(String game, GameState s) {
        try {
            RulesState state = s.rules().state();
            for (PlayerState p : List.of(s.player1(), s.player2())) {
                List<Island> islands = List.copyOf(p.board().islands().values());
                for (int a = 0; a < islands.size(); a++) {
                    assertThat(islands.get(a).coordinates()).as(game).containsAll(islands.get(a).hitCoordinates());
                    for (int b = a + 1; b < islands.size(); b++) {
                        assertThat(islands.get(a).overlaps(islands.get(b))).as(game + " overlap").isFalse();
                    }
                }
            }
            checkGuesses(game, s.player1(), s.player2());
            checkGuesses(game, s.player2(), s.player1());
            if (state != RulesState.INITIALIZED && state != RulesState.PLAYERS_SET) {
                assertThat(s.player1().board().allIslandsPositioned()).as(game).isTrue();
                assertThat(s.player2().board().allIslandsPositioned()).as(game).isTrue();
            }
            if (state == RulesState.INITIALIZED) {
                assertThat(s.player2().guesses().hits()).as(game).isEmpty();
            }
            if (state == RulesState.GAME_OVER) {
                boolean p1Lost = s.player1().board().islands().values().stream().allMatch(Island::forested);
                boolean p2Lost = s.player2().board().islands().values().stream().allMatch(Island::forested);
                assertThat(p1Lost || p2Lost).as(game + " over without a loser").isTrue();
            }
        } catch (GameUnavailableException e) {
            throw new AssertionError(game + ": " + e, e);
        }
    }

    /** What {@code shooter} recorded as hits is exactly what is hit on {@code target}'s board. */
    private static void checkGuesses(String game, PlayerState shooter, PlayerState target) {
        Set<?> hitOnBoard = target.board().islands().values().stream()
                .flatMap(i -> i.hitCoordinates().stream()).collect(Collectors.toSet());
        assertThat(new HashSet<>(shooter.guesses().hits())).as(game + " hits").isEqualTo(hitOnBoard);
        Set<?> land = target.board().islands().values().stream()
                .flatMap(i -> i.coordinates().stream()).collect(Collectors.toSet());
        assertThat(shooter.guesses().misses()).as(game + " misses").noneMatch(land::contains);
    }
}
