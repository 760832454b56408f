package io.islands.server.observer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.islands.engine.process.Games;
import io.islands.server.IslandsServer;
import io.islands.server.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
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
