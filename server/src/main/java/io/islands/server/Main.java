package io.islands.server;

import io.islands.server.logging.Logs;
import io.islands.storage.cli.StoreCli;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * The launcher's entry point: {@code serve [options]} (see {@link ServeOptions}) and
 * {@code store list|show NAME|delete NAME [--store URL]} (delegated to {@link StoreCli}).
 */
public final class Main {
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
            case "help", "-h", "--help" -> System.out.print("Usage: islands-server serve|store ...\n\n" + ServeOptions.help());
            default -> {
                System.err.println("unknown command: " + command + " (serve, store)");
                System.exit(2);
            }
        }
    }

    /** Runs the server until the JVM is asked to stop. @return the exit code when it cannot start */
    static int serve(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            out.print(ServeOptions.help());
            return 0;
        }
        ServerConfig options;
        try {
            options = ServeOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            err.println("islands serve: " + e.getMessage() + "\n\n(islands serve --help lists the options)");
            return 2;
        }
        Logs.apply(options.logLevel(), options.logFormat());
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
