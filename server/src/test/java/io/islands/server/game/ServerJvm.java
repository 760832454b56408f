package io.islands.server.game;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server as a child JVM ({@code Main serve ...}): its output is drained by a thread and kept
 * for failure messages, its HTTP port read from its "ready" line. {@link #clusterNode} starts one
 * node of a cluster on 127.0.0.1 (HTTP and JGroups on free ports) with {@code -Xmx256m
 * -XX:ActiveProcessorCount=1}, so that three of them and PostgreSQL fit a 2-core machine. Every
 * wait is bounded.
 */
final class ServerJvm implements AutoCloseable {
    static final String ADMIN_TOKEN = "cluster-test-token";
    private static final Pattern READY = Pattern.compile("Islands is ready: http://[^:]+:(\\d+)/");
    private static final int READY_SECONDS = 60;

    final String name;
    final Process process;
    final StringBuffer output = new StringBuffer();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();
    private final Thread reader;
    private int httpPort;

    /**
     * Everything this test JVM runs, as one class path, as the launcher runs the shaded jar: the
     * tests run on the module path, where the server and most jars are not on the class path.
     */
    private static String classPath() {
        return java.util.stream.Stream.of(System.getProperty("jdk.module.path"), System.getProperty("java.class.path"))
                .filter(p -> p != null && !p.isEmpty()).collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    private ServerJvm(String name, List<String> jvmOptions, List<String> serveArgs) throws Exception {
        this.name = name;
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-cp", classPath(),
                "io.islands.server.Main", "serve"));
        command.addAll(serveArgs);
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        reader = Thread.ofPlatform().daemon().name("node-" + name + "-output").start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    output.append(line).append('\n');
                    Matcher m = READY.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (Exception e) {
                // the node died: its output ends here
            }
            port.completeExceptionally(new IllegalStateException("node " + name + " ended before it was ready:\n" + output));
        });
    }

    /** Starts {@code serve SERVE_ARGS} in a JVM with {@code jvmOptions} and waits until it serves. */
    static ServerJvm start(String name, List<String> jvmOptions, List<String> serveArgs) throws Exception {
        ServerJvm node = new ServerJvm(name, jvmOptions, serveArgs);
        try {
            node.httpPort = node.port.get(READY_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            node.close();
            throw new AssertionError("node " + name + ": no \"Islands is ready:\" within " + READY_SECONDS + " s:\n" + node.output, e);
        }
        return node;
    }

    /** Starts the cluster node {@code name} on {@code storeUrl} and waits until it serves; {@code more}: more serve options. */
    static ServerJvm clusterNode(String name, String storeUrl, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", "0", "--store", storeUrl,
                "--admin-token", ADMIN_TOKEN, "--game-call-timeout", "3s", "--cluster", "--node", name,
                "--cluster-bind", "127.0.0.1:0"));
        args.addAll(List.of(more));
        return start(name, List.of("-Xmx256m", "-XX:ActiveProcessorCount=1", "-XX:TieredStopAtLevel=1"), args);
    }

    int port() {
        return httpPort;
    }

    /** @return what the JVM has written so far (standard output and error) */
    String output() {
        return output.toString();
    }

    /** @return the body of {@code GET path} with the admin token (asserting 200) */
    String get(String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + httpPort + path)).header("Authorization", "Bearer " + ADMIN_TOKEN)
                .timeout(java.time.Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET %s on %s: %s", path, name, r.body()).isEqualTo(200);
        return r.body();
    }

    /** Sends the signal {@code name} (STOP, CONT) to the JVM. */
    void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -%s %s", name, this.name).isTrue();
    }

    /** SIGKILL: no shutdown hook, no clean close of the store, no hand-off. */
    void kill() throws Exception {
        process.destroyForcibly();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("node %s died", name).isTrue();
        assertThat(process.exitValue()).as("killed by SIGKILL (128 + 9)").isEqualTo(137);
    }

    /** SIGTERM: the shutdown hook stops the server, which hands its games off. @return the exit code */
    int term() throws Exception {
        sigterm();
        return awaitExit();
    }

    /**
     * Sends SIGTERM and returns at once (the node hands its games off while the caller plays on).
     * Through the process handle: {@link Process#destroy} would also close the node's output.
     */
    void sigterm() {
        process.toHandle().destroy();
    }

    /** Waits (at most 30 s) until the JVM has exited and its output is read to the end. @return its exit code */
    int awaitExit() throws Exception {
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("node %s stopped:\n%s", name, output).isTrue();
        reader.join(java.time.Duration.ofSeconds(5));
        return process.exitValue();
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            kill();
        }
    }
}
