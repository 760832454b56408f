package io.islands.server.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Debian's nginx on 127.0.0.1 in front of the given nodes, running the configuration that
 * docs/cluster.md shows ({@code docs/nginx/islands.conf}) with only its node list and its listen
 * line replaced. nginx runs in the foreground as this JVM's child, with its prefix, pid, logs and
 * temporary files under a work directory; {@link #close()} stops it.
 */
public final class NginxProxy implements AutoCloseable {
    /** The configuration the docs show: the same file, never a copy. */
    public static final Path CONF = Path.of("../docs/nginx/islands.conf");
    private static final List<Path> BINARIES = List.of(Path.of("/usr/sbin/nginx"), Path.of("/usr/bin/nginx"));
    private static final Pattern NODES = Pattern.compile("(?s)(# BEGIN NODES\\n).*?(\\s*# END NODES)");
    private static final Pattern LISTEN = Pattern.compile("(?s)(# BEGIN LISTEN\\n).*?(\\s*# END LISTEN)");

    private final Process process;
    private final int port;
    private final Path work;

    private NginxProxy(Process process, int port, Path work) {
        this.process = process;
        this.port = port;
        this.work = work;
    }

    /** @return the nginx binary, when the package is installed */
    public static java.util.Optional<Path> binary() {
        return BINARIES.stream().filter(Files::isExecutable).findFirst();
    }

    /**
     * Renders the documented configuration for {@code nodes} (ports on 127.0.0.1) and {@code
     * listen}, as the test runs it.
     */
    static String render(String documented, int listen, List<Integer> nodes) {
        String servers = nodes.stream()
                .map(p -> "    server 127.0.0.1:" + p + " max_fails=1 fail_timeout=2s;")
                .collect(Collectors.joining("\n"));
        String s = replace(NODES, documented, servers);
        return replace(LISTEN, s, "    listen 127.0.0.1:" + listen + ";");
    }

    private static String replace(Pattern p, String text, String body) {
        Matcher m = p.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException(CONF + " lost its marker " + p.pattern());
        }
        return m.replaceFirst(Matcher.quoteReplacement(m.group(1) + body) + "$2");
    }

    /**
     * Starts nginx listening on a free loopback port in front of {@code nodes} and waits (up to 10 s)
     * until it accepts connections.
     *
     * @throws IllegalStateException when nginx is not installed, rejects the configuration or does
     *         not listen in time (its error log is in the message)
     */
    public static NginxProxy start(Path work, List<Integer> nodes) throws IOException, InterruptedException {
        Path bin = binary().orElseThrow(() -> new IllegalStateException("nginx is not installed"));
        Files.createDirectories(work.resolve("logs"));
        Path temp = Files.createDirectories(work.resolve("temp"));
        // workers may run as another user (nginx started as root): let them write their temp files
        temp.toFile().setWritable(true, false);
        String documented = Files.readString(CONF);
        for (int attempt = 0; ; attempt++) {
            int port = freePort();
            Path site = work.resolve("islands.conf");
            Files.writeString(site, render(documented, port, nodes));
            Path main = work.resolve("nginx.conf");
            Files.writeString(main, String.join("\n",
                    "daemon off;",
                    "worker_processes 1;",
                    "pid " + work.toAbsolutePath().resolve("nginx.pid") + ";",
                    "error_log " + work.toAbsolutePath().resolve("logs/error.log") + " warn;",
                    "events { worker_connections 1024; }",
                    "http {",
                    "  access_log off;",
                    "  client_body_temp_path " + temp.toAbsolutePath().resolve("body") + ";",
                    "  proxy_temp_path " + temp.toAbsolutePath().resolve("proxy") + ";",
                    "  fastcgi_temp_path " + temp.toAbsolutePath().resolve("fastcgi") + ";",
                    "  uwsgi_temp_path " + temp.toAbsolutePath().resolve("uwsgi") + ";",
                    "  scgi_temp_path " + temp.toAbsolutePath().resolve("scgi") + ";",
                    "  include " + site.toAbsolutePath() + ";",
                    "}", ""));
            Process p = new ProcessBuilder(bin.toString(), "-p", work.toAbsolutePath() + "/", "-c", main.toAbsolutePath().toString())
                    .redirectErrorStream(true)
                    .redirectOutput(work.resolve("logs/stdout.log").toFile())
                    .start();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
            while (p.isAlive() && Instant.now().isBefore(deadline)) {
                if (accepts(port)) {
                    return new NginxProxy(p, port, work);
                }
                p.waitFor(20, TimeUnit.MILLISECONDS); // bounded poll: nginx prints no readiness line
            }
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            String log = logs(work);
            if (attempt >= 2 || !log.contains("Address already in use")) {
                throw new IllegalStateException("nginx did not start on port " + port + ":\n" + log);
            }
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String logs(Path work) {
        StringBuilder b = new StringBuilder();
        for (String f : List.of("logs/error.log", "logs/stdout.log")) {
            try {
                b.append(Files.readString(work.resolve(f), StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // not written
            }
        }
        return b.toString();
    }

    /** @return the port players connect to */
    public int port() {
        return port;
    }

    /** @return nginx's error log so far (for assertion messages) */
    public String errorLog() {
        return logs(work);
    }

    /** Stops nginx (SIGTERM: a fast shutdown) and waits up to 10 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
