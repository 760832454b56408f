package io.islands.server;

import io.islands.storage.StateStores;
import io.islands.storage.cli.StoreCli;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * The launcher's entry point: {@code serve [--host H] [--port P] [--store URL]} and
 * {@code store list|show NAME|delete NAME [--store URL]} (delegated to {@link StoreCli}).
 */
public final class Main {
    static final String HELP = """
            Usage: islands serve [options]

            Serves the Islands page and the game:* channel (Phoenix Channels V2 JSON at /socket).

            Options:
              --host HOST    address to listen on (default 127.0.0.1)
              --port PORT    port to listen on (default 4000; 0 picks a free one)
              --store URL    where games and seats are saved (default %s):
                             memory:, sqlite:PATH, postgresql://USER:PASS@HOST:PORT/DB
              -h, --help     show this help

            Stops cleanly on SIGTERM or Ctrl-C; saved games are kept.
            """.formatted(StateStores.DEFAULT_URL);

    /** Parsing of the {@code serve} options into a {@link ServerConfig}. */
    static final class ServeOptions {
        private ServeOptions() {}

        static ServerConfig parse(String[] args) {
            String host = "127.0.0.1";
            int port = 4000;
            String store = StateStores.DEFAULT_URL;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("unknown option or missing value: " + a);
                }
                String v = args[++i];
                switch (a) {
                    case "--host" -> host = v;
                    case "--port" -> port = parsePort(v);
                    case "--store" -> store = v;
                    default -> throw new IllegalArgumentException("unknown option: " + a);
                }
            }
            return new ServerConfig(host, port, store, null);
        }

        private static int parsePort(String v) {
            try {
                int p = Integer.parseInt(v);
                if (p >= 0 && p <= 65535) {
                    return p;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new IllegalArgumentException("--port needs a number in 0..65535, not " + v);
        }
    }

    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        String command = args.length == 0 ? "help" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        switch (command) {
            case "serve" -> {
                int code = serve(rest, System.out, System.err);
                if (code != 0) { // after a clean stop the JVM is already exiting: no System.exit then
                    System.exit(code);
                }
            }
            case "store" -> StoreCli.main(rest);
            case "help", "-h", "--help" -> System.out.print("Usage: islands-server serve|store ...\n\n" + HELP);
            default -> {
                System.err.println("unknown command: " + command + " (serve, store)");
                System.exit(2);
            }
        }
    }

    /** Runs the server until the JVM is asked to stop. @return the exit code when it cannot start */
    static int serve(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            out.print(HELP);
            return 0;
        }
        ServerConfig options;
        try {
            options = ServeOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("islands serve: " + e.getMessage() + "\n\n" + HELP);
            return 2;
        }
        IslandsServer server;
        try {
            server = IslandsServer.start(options);
        } catch (RuntimeException e) {
            err.println("islands serve: cannot start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "islands-shutdown"));
        out.println("Islands is ready: http://" + options.host() + ":" + server.port() + "/");
        out.println("Observer: http://" + options.host() + ":" + server.port() + "/observer "
                + (options.adminToken() == null ? "admin token: " + server.adminToken() : "(admin token from configuration)"));
        out.flush();
        stopped.await();
        return 0;
    }
}
