package io.islands.bench.chaos;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The nodes of a cluster as child JVMs: {@code io.islands.server.Main serve --cluster} on
 * 127.0.0.1 (HTTP on a free port, JGroups on a free port), with {@code -Xmx256m
 * -XX:ActiveProcessorCount=1} so that three of them and PostgreSQL fit a 2-core machine, started
 * with this JVM's class path; or, through {@link #servers}, independent {@code serve} JVMs with
 * the caller's flags and options (the web_density scenario's servers). Each node's output goes to
 * {@code <workDir>/<name>.log} (appended across restarts). Signals: SIGKILL, SIGTERM,
 * SIGSTOP/SIGCONT. Every wait is bounded.
 *
 * <p>The server's own multi-JVM tests keep their launcher ({@code ServerJvm} in the server's
 * tests): server tests cannot depend on bench, and bench main code cannot depend on test code.
 *
 * <p>Design note: the driver thread starts, signals and restarts nodes; clients on other threads
 * only read {@link #port(int)}, whose slots are volatile (a restarted node has a new port; 0
 * while a node is down).
 */
public final class ClusterNodes implements AutoCloseable {
    static final String ADMIN_TOKEN = "chaos-admin-token";
    private static final List<String> CLUSTER_JVM = List.of("-Xmx256m", "-XX:ActiveProcessorCount=1", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1");
    private static final Pattern READY = Pattern.compile("Islands is ready: http://[^:]+:(\\d+)/");
    private static final long READY_SECONDS = 90;

    private final List<String> jvmFlags;
    private final IntFunction<List<String>> serveOptions;
    private final Path workDir;
    private final String[] names;
    private final Process[] processes;
    private final int[] ports;
    private final AtomicIntegerArray livePorts;

    /** The nodes of a cluster on {@code storeUrl} (a PostgreSQL URL), named n1, n2, ... */
    ClusterNodes(int count, String storeUrl, Path workDir) {
        this(count, workDir, CLUSTER_JVM, i -> List.of("--store", storeUrl, "--admin-token", ADMIN_TOKEN,
                "--game-call-timeout", "3s", "--cluster", "--node", "n" + (i + 1), "--cluster-bind", "127.0.0.1:0"));
    }

    private ClusterNodes(int count, Path workDir, List<String> jvmFlags, IntFunction<List<String>> serveOptions) {
        this.jvmFlags = List.copyOf(jvmFlags);
        this.serveOptions = serveOptions;
        this.workDir = workDir;
        this.names = new String[count];
        this.processes = new Process[count];
        this.ports = new int[count];
        this.livePorts = new AtomicIntegerArray(count);
        for (int i = 0; i < count; i++) {
            names[i] = "n" + (i + 1);
        }
    }

    /**
     * Independent servers (no cluster): {@code serve --host 127.0.0.1 --port 0} plus
     * {@code serveOptions}, each JVM with {@code jvmFlags}, named n1, n2, ...; nothing is started yet.
     *
     * @return the servers, to start with {@link #startAll} and to stop with {@link #close}
     */
    public static ClusterNodes servers(int count, Path workDir, List<String> jvmFlags, List<String> serveOptions) {
        List<String> options = List.copyOf(serveOptions);
        return new ClusterNodes(count, workDir, jvmFlags, i -> options);
    }

    public int size() {
        return names.length;
    }

    String name(int i) {
        return names[i];
    }

    /** @return node i's HTTP port, 0 while it is down or paused */
    public int port(int i) {
        return livePorts.get(i);
    }

    public Path log(int i) {
        return workDir.resolve(names[i] + ".log");
    }

    /** Starts every node at once and waits until all serve. @throws IllegalStateException if one does not */
    public void startAll() throws IOException, InterruptedException {
        List<CompletableFuture<Integer>> ready = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            ready.add(launch(i));
        }
        for (int i = 0; i < names.length; i++) {
            awaitReady(i, ready.get(i));
        }
    }

    /** Starts node i again (after it ended) and waits until it serves. */
    void restart(int i) throws IOException, InterruptedException {
        if (processes[i] != null && processes[i].isAlive()) {
            throw new IllegalStateException(names[i] + " is still running");
        }
        awaitReady(i, launch(i));
    }

    private CompletableFuture<Integer> launch(int i) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmFlags);
        String extra = System.getProperty("islands.bench.cluster.node_jvm", "").strip(); // e.g. a flight recording, to trace a node
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-Djava.net.preferIPv4Stack=true",
                "-cp", io.islands.bench.ChildJvm.classPath(), "io.islands.server.Main",
                "serve", "--host", "127.0.0.1", "--port", "0"));
        command.addAll(serveOptions.apply(i));
        Files.createDirectories(workDir);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        processes[i] = p;
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Path log = log(i);
        Thread.ofPlatform().daemon().name("chaos-" + names[i] + "-output").start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                    PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE, StandardOpenOption.APPEND), true)) {
                out.println("---- chaos: " + names[i] + " started, pid " + p.pid());
                for (String line; (line = in.readLine()) != null; ) {
                    out.println(line);
                    Matcher m = READY.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
                out.println("---- chaos: " + names[i] + " output ended");
            } catch (IOException e) {
                // the node died: its output ends here
            }
            port.completeExceptionally(new IllegalStateException(names[i] + " ended before it was ready"));
        });
        return port;
    }

    private void awaitReady(int i, CompletableFuture<Integer> ready) throws InterruptedException {
        try {
            ports[i] = ready.get(READY_SECONDS, TimeUnit.SECONDS);
            livePorts.set(i, ports[i]);
        } catch (TimeoutException | ExecutionException e) {
            processes[i].destroyForcibly();
            throw new IllegalStateException("node " + names[i] + ": not ready within " + READY_SECONDS + " s; log: "
                    + log(i) + "\n" + tail(i), e);
        }
    }

    /** @return the last 3,000 characters of node i's log */
    public String tail(int i) {
        try {
            String all = Files.exists(log(i)) ? Files.readString(log(i)) : "";
            return all.substring(Math.max(0, all.length() - 3000));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    public boolean alive(int i) {
        return processes[i] != null && processes[i].isAlive();
    }

    /** @return node i's process id; @throws IllegalStateException if it was never started */
    public long pid(int i) {
        if (processes[i] == null) {
            throw new IllegalStateException(names[i] + " was never started");
        }
        return processes[i].pid();
    }

    /** @return node i's exit code, or -1 while it runs */
    int exitCode(int i) {
        return alive(i) || processes[i] == null ? -1 : processes[i].exitValue();
    }

    /** SIGKILL: no shutdown hook, no hand-off. Waits until it ended. */
    void kill(int i) throws InterruptedException {
        livePorts.set(i, 0);
        processes[i].destroyForcibly();
        if (!processes[i].waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(names[i] + " did not die within 30 s of SIGKILL");
        }
    }

    /**
     * SIGTERM: the server's shutdown hook hands its games off and stops. Waits up to 30 s, then
     * SIGKILLs. The signal is sent with {@code kill}, not {@link Process#destroy()}, which closes
     * the node's output right after the signal: the log of its stop would be lost. @return whether
     * it ended on the SIGTERM alone
     */
    boolean term(int i) throws IOException, InterruptedException {
        livePorts.set(i, 0);
        signal(i, "TERM");
        if (processes[i].waitFor(30, TimeUnit.SECONDS)) {
            return true;
        }
        kill(i);
        return false;
    }

    /** SIGSTOP: the node hangs (its sockets stay open, nothing answers). */
    void pause(int i) throws IOException, InterruptedException {
        livePorts.set(i, 0);
        signal(i, "STOP");
    }

    /** SIGCONT after {@link #pause}. */
    void resume(int i) throws IOException, InterruptedException {
        signal(i, "CONT");
        livePorts.set(i, ports[i]);
    }

    private void signal(int i, String signal) throws IOException, InterruptedException {
        // the shell's kill builtin: /bin/kill (procps) may be missing on a slim image
        Process kill = new ProcessBuilder("sh", "-c", "kill -" + signal + " " + processes[i].pid())
                .redirectErrorStream(true).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + processes[i].pid() + " failed: "
                    + new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /**
     * Cuts node i off the others' JGroups messages, or connects it again, through its admin hook
     * {@code POST /api/nodes/cut-off?on=...}. @throws IOException if the node does not answer 200 in 10 s
     */
    void cutOff(int i, boolean on) throws IOException, InterruptedException {
        // "changed":false on a cut-off: the node had no channel at that instant (it was joining its
        // group again, e.g. after a lost lease): try again for at most 5 s. (Connecting again finds
        // nothing to undo when the node has joined again meanwhile, on a new channel.)
        String answer = admin(i, "POST", "/api/nodes/cut-off?on=" + on);
        for (int k = 0; on && k < 50 && answer.contains("\"changed\":false"); k++) {
            Thread.sleep(100);
            answer = admin(i, "POST", "/api/nodes/cut-off?on=true");
        }
    }

    /** @return the JGroups view node i reports ({@code GET /api/nodes}), as its JSON array text */
    String view(int i) throws IOException, InterruptedException {
        Matcher m = Pattern.compile("\"view\":(\\[[^\\]]*\\])").matcher(admin(i, "GET", "/api/nodes"));
        return m.find() ? m.group(1) : "?";
    }

    private String admin(int i, String method, String path) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports[i] + path))
                    .header("Authorization", "Bearer " + ADMIN_TOKEN).timeout(Duration.ofSeconds(10))
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IOException(names[i] + ": " + method + " " + path + " answered " + r.statusCode() + " " + r.body());
            }
            return r.body();
        }
    }

    /** SIGKILLs every node still running (SIGCONT first is not needed: SIGKILL ends a stopped process). */
    @Override
    public synchronized void close() throws InterruptedException {
        for (int i = 0; i < names.length; i++) {
            if (alive(i)) {
                kill(i);
            }
        }
    }
}
