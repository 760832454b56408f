/**
 * The Islands server: the Phoenix Channels server ({@code io.islands.server.phoenix}), the game
 * channel and seats ({@code .game}), the lobby ({@code .lobby}), {@code islands serve} and {@code islands store}
 * ({@code .cli}), the log format and bridge ({@code .logging}) and the server's application
 * ({@code io.islands.server}). The observer ({@code .observer}) and the operations routes
 * ({@code .ops}) are internal.
 *
 * <p>Opens: every package whose records a JSON mapper reflects on (Javalin's, the frames' and
 * the seat records' Jackson mappers) is open to {@code com.fasterxml.jackson.databind}, and the
 * command classes to {@code info.picocli}; {@code ModuleDescriptorTest} fails when a package that
 * holds a record is not open to Jackson. Micrometer's jars have no descriptors: they are
 * automatic modules under their {@code Automatic-Module-Name}s.
 */
@SuppressWarnings("requires-automatic")
module io.islands.server {
    // in the exported API's signatures (Games, ChildSpec, JsonNode, JavalinConfig, CommandLine)
    requires transitive io.islands.engine;
    requires transitive io.islands.storage;
    requires transitive io.javalin;
    requires transitive info.picocli;
    requires org.slf4j;
    requires org.eclipse.jetty.websocket.core.server; // the socket route (Javalin brings the other Jetty modules)
    requires ch.qos.logback.classic;
    requires ch.qos.logback.core;
    requires micrometer.core;
    requires micrometer.registry.prometheus;
    requires java.management;
    requires java.net.http; // the warm-up's connections to the server itself (PhoenixServer.warmUp)
    requires org.jgroups; // the cluster (an automatic module, by its Automatic-Module-Name)

    exports io.islands.server;
    exports io.islands.server.bot; // Bots.Config, a ServerConfig setting
    exports io.islands.server.cli;
    exports io.islands.server.game;
    exports io.islands.server.lobby;
    exports io.islands.server.logging; // LogFormat, a ServerConfig setting
    exports io.islands.server.phoenix;

    opens io.islands.server to com.fasterxml.jackson.databind, info.picocli;
    opens io.islands.server.bot to com.fasterxml.jackson.databind;
    opens io.islands.server.cluster to com.fasterxml.jackson.databind;
    opens io.islands.server.game to com.fasterxml.jackson.databind;
    opens io.islands.server.lobby to com.fasterxml.jackson.databind;
    opens io.islands.server.observer to com.fasterxml.jackson.databind;
    opens io.islands.server.ops to com.fasterxml.jackson.databind;
    opens io.islands.server.phoenix to com.fasterxml.jackson.databind;
    opens io.islands.server.cli to info.picocli;

    provides java.lang.System.LoggerFinder with io.islands.server.logging.Slf4jLoggerFinder;
}
