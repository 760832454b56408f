package io.islands.server.phoenix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The real phoenix JS client (npm phoenix 1.8.16 on ws 8.23.0, pinned in src/test/js) against
 * this server: join, push with replies, heartbeats, a broadcast, leave. Skipped when node or
 * npm is not installed; fails when they are and anything goes wrong (npm ci included).
 */
class PhoenixJsClientInteropTest {
    private static final Path SOURCES = Path.of("src/test/js");
    private static final Path WORK = Path.of("target/interop-js");

    @Test
    void phoenixJsClient_joinsPushesGetsABroadcastAndLeaves() throws Exception {
        assumeTrue(runs("node", "--version") && runs("npm", "--version"),
                "node and npm are not both on the PATH: skipping the phoenix JS client interop test");
        Files.createDirectories(WORK);
        for (String f : List.of("package.json", "package-lock.json", "interop.js")) {
            Files.copy(SOURCES.resolve(f), WORK.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        Result npm = run(120, "npm", "ci", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error");
        assertThat(npm.exit).as("npm ci in %s failed:%n%s", WORK, npm.output).isZero();

        try (TestServer ts = new TestServer()) {
            Result node = run(30, "node", "interop.js", "ws://127.0.0.1:" + ts.server.port() + "/socket");
            assertThat(node.exit).as("node interop.js:%n%s", node.output).isZero();
            assertThat(node.output).contains(
                    "{\"step\":\"joined\",\"data\":{\"topic\":\"echo:js\",\"params\":{\"screen_name\":\"moon\"}}}",
                    "{\"step\":\"echo\",\"data\":{\"row\":1,\"col\":2}}",
                    "{\"step\":\"echo_string\",\"data\":\"diva\"}",
                    "{\"step\":\"heartbeat\",\"data\":{}}",
                    "{\"step\":\"broadcast\",\"data\":{\"message\":\"hello from js\"}}",
                    "{\"step\":\"left\",\"data\":{}}",
                    "{\"step\":\"done\",\"data\":{}}");
            assertThat(List.of(ts.nextEvent("echo:js"), ts.nextEvent("echo:js")))
                    .as("channel events; node said:%n%s", node.output)
                    .containsExactly("join echo:js", "terminate echo:js {shutdown, left}");
        }
    }

    private record Result(int exit, String output) {}

    private static Result run(int timeoutSeconds, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(WORK.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes(); // ends when the process closes its output
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, "timed out after " + timeoutSeconds + " s\n" + new String(out, StandardCharsets.UTF_8));
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
