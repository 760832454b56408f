package io.islands.bench.chaos;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A running {@link GameNode} child JVM, seen from the driver: commands go to its stdin, its
 * answer lines arrive in {@link #lines} (read by a thread of its own), followed by {@link #EOF}
 * when its stdout closes. Its stderr is appended to a log file. One driver thread uses it.
 */
final class NodeProcess implements AutoCloseable {
    /** Put into {@link #lines} after the node's last line. */
    static final String EOF = "\u0000eof";

    /** Archives a first node was started for, in this JVM. */
    private static final Set<Path> ARCHIVED = ConcurrentHashMap.newKeySet();

    final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Process process;
    private final Writer stdin;

    private NodeProcess(Process process) {
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread.ofPlatform().daemon().name("node-reader-" + process.pid()).start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the pipe broke: the node is gone
            } finally {
                lines.add(EOF);
            }
        });
    }

    /**
     * Starts a game node on {@code storeUrl} with this JVM's class path. When that class path is
     * jars only (as with the shaded jar of {@code ./islands}), the nodes share class data through
     * {@code cdsArchive} to start faster; the JVM cannot archive classes from directories (as in
     * a Maven test run), so there they start without.
     *
     * @return the node; its first line will be {@code ready}
     */
    static NodeProcess start(String storeUrl, Path cdsArchive, Path log) throws IOException, InterruptedException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        String classPath = io.islands.bench.ChildJvm.classPath();
        boolean cds = Arrays.stream(classPath.split(File.pathSeparator)).noneMatch(e -> Files.isDirectory(Path.of(e)));
        if (cds && ARCHIVED.add(cdsArchive.toAbsolutePath())) {
            // A JVM writes its archive when it exits, which a SIGKILLed node never does: one node
            // that starts and exits at once (stdin closed) writes it for all the others.
            Process first = builder(storeUrl, classPath, cdsArchive, log).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            first.getOutputStream().close();
            if (!first.waitFor(60, TimeUnit.SECONDS)) {
                first.destroyForcibly();
            }
        }
        return new NodeProcess(builder(storeUrl, classPath, cds ? cdsArchive : null, log).start());
    }

    private static ProcessBuilder builder(String storeUrl, String classPath, Path cdsArchive, Path log) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        if (cdsArchive != null) {
            command.addAll(List.of("-Xshare:auto", "-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + cdsArchive,
                    "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
        }
        command.addAll(List.of("-cp", classPath, GameNode.class.getName(), storeUrl));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    }

    /** Sends commands without flushing. */
    void send(String command) {
        try {
            stdin.write(command);
            stdin.write('\n');
        } catch (IOException e) {
            // the node died; its EOF will tell the driver
        }
    }

    /** Flushes the commands sent so far. */
    void flush() {
        try {
            stdin.flush();
        } catch (IOException e) {
            // the node died; its EOF will tell the driver
        }
    }

    /**
     * Kills the node with SIGKILL (unlike {@link Process#destroyForcibly}, this leaves the
     * pipes open, so the lines written before it died are still read) and waits for it to end.
     *
     * @return the exit code, 137 after a SIGKILL
     */
    int kill() {
        process.toHandle().destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the game node did not die within 30 s of SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.toHandle().destroyForcibly();
        try {
            stdin.close();
        } catch (IOException e) {
            // already gone
        }
    }
}
