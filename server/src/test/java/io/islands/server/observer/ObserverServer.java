package io.islands.server.observer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.islands.engine.process.Games;
import io.islands.server.IslandsServer;
import io.islands.server.ServerConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The real server (memory store, free port, a known admin token) for one test class, and an HTTP client for its API. */
final class ObserverServer implements BeforeAllCallback, AfterAllCallback {
    static final String TOKEN = "observer-test-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final AtomicInteger names = new AtomicInteger();
    private final HttpClient http = HttpClient.newHttpClient();
    private IslandsServer server;

    /** A status and a parsed JSON body. */
    record Reply(int status, JsonNode body) {}

    @Override
    public void beforeAll(ExtensionContext context) {
        server = IslandsServer.start(ServerConfig.builder().port(0).store("memory:").adminToken(TOKEN).build());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.close();
    }

    int port() {
        return server.port();
    }

    Games games() {
        return server.games();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** A game name no other test of the class uses. */
    String newGameName() {
        return "obs" + names.incrementAndGet();
    }

    Reply get(String path) throws Exception {
        return send(path, "GET", null, "Bearer " + TOKEN);
    }

    Reply post(String path, String body) throws Exception {
        return send(path, "POST", body, "Bearer " + TOKEN);
    }

    /** An open {@code /api/events} stream, read on its own virtual thread. */
    static final class Events implements AutoCloseable {
        /** One server-sent event. */
        record Event(String name, JsonNode data) {}

        final int status;
        private final InputStream body;
        private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

        Events(HttpResponse<InputStream> r) {
            this.status = r.statusCode();
            this.body = r.body();
            if (status == 200) {
                Thread.ofVirtual().name("observer-test-events").start(this::read);
            }
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String event = "message";
                StringBuilder data = new StringBuilder();
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.isEmpty()) {
                        if (!data.isEmpty()) {
                            events.add(new Event(event, JSON.readTree(data.toString())));
                        }
                        event = "message";
                        data.setLength(0);
                    } else if (line.startsWith("event: ")) {
                        event = line.substring(7);
                    } else if (line.startsWith("data: ")) {
                        data.append(line.substring(6));
                    }
                }
            } catch (IOException closed) {
                // the test closed the stream
            }
        }

        /** @return the next event named {@code name} that {@code test} accepts (others are skipped), within 10 s */
        Event next(String name, Predicate<JsonNode> test) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (true) {
                Event e = events.poll(end - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (e == null) {
                    throw new AssertionError("no '" + name + "' event that passes the test within 10 s");
                }
                if (e.name().equals(name) && test.test(e.data())) {
                    return e;
                }
            }
        }

        /** @return the names of the events up to the {@code n}th {@code name} event, that one included, within 10 s */
        List<String> namesThrough(String name, int n) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            List<String> names = new ArrayList<>();
            for (int seen = 0; seen < n; ) {
                Event e = events.poll(end - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (e == null) {
                    throw new AssertionError("only " + seen + " of " + n + " '" + name + "' events within 10 s: " + names);
                }
                names.add(e.name());
                seen += e.name().equals(name) ? 1 : 0;
            }
            return names;
        }

        /** @return the body of a refused stream */
        JsonNode error() throws IOException {
            return JSON.readTree(body.readAllBytes());
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    /** Opens {@code /api/events?QUERY} with the token and {@code Accept: text/event-stream}. */
    Events events(String query) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(url("/api/events" + query)))
                .header("Authorization", "Bearer " + TOKEN).header("Accept", "text/event-stream").build();
        return new Events(http.send(r, HttpResponse.BodyHandlers.ofInputStream()));
    }

    /** @param authorization the Authorization header, or null for none */
    Reply send(String path, String method, String body, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body().isEmpty() ? null : JSON.readTree(r.body()));
    }
}
