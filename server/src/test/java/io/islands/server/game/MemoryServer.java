package io.islands.server.game;

import io.islands.server.IslandsServer;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The real server on a free port with a memory store, for one test class; games get fresh names. */
final class MemoryServer implements BeforeAllCallback, AfterAllCallback {
    private final AtomicInteger games = new AtomicInteger();
    private IslandsServer server;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = IslandsServer.start("127.0.0.1", 0, "memory:");
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.close();
    }

    int port() {
        return server.port();
    }

    /** @return the server itself (its games and their store) */
    IslandsServer server() {
        return server;
    }

    /** @return the admin token of the observer API */
    String adminToken() {
        return server.adminToken();
    }

    /** A game name no other test of the class uses. */
    String newGameName() {
        return "moon" + games.incrementAndGet();
    }
}
