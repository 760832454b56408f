package io.islands.server.phoenix;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs node scripts of src/test/js (the pinned phoenix JS client) from a work directory. */
public final class NodeJs {
    private static final Path SOURCES = Path.of("src/test/js");

    /** What a command printed (stdout and stderr) and its exit status (-1 on timeout). */
    public record Result(int exit, String output) {}

    private NodeJs() {}

    /** Whether both node and npm run. */
    public static boolean available() {
        return runs("node", "--version") && runs("npm", "--version");
    }

    /** Copies package.json, package-lock.json and {@code scripts} into {@code work}; runs npm ci there. */
    public static void prepare(Path work, String... scripts) throws Exception {
        Files.createDirectories(work);
        for (String f : concat(List.of("package.json", "package-lock.json"), List.of(scripts))) {
            Files.copy(SOURCES.resolve(f), work.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        Result npm = run(work, 120, "npm", "ci", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error");
        assertThat(npm.exit).as("npm ci in %s failed:%n%s", work, npm.output).isZero();
    }

    public static Result run(Path dir, int timeoutSeconds, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes(); // ends when the process closes its output
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, "timed out after " + timeoutSeconds + " s\n" + new String(out, StandardCharsets.UTF_8));
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
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
