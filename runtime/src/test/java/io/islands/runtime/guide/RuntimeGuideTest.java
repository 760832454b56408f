package io.islands.runtime.guide;

import static org.assertj.core.api.Assertions.assertThat;

import io.islands.runtime.Proc;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/runtime-guide.md's example service: the guide shows the example's file as it is, and the
 * file compiles against the runtime as another project's code does (the runtime on the module
 * path, the example outside it, so only exported packages are visible) and runs: it crashes its
 * counter and the supervisor and the checkpoint bring it back with its count.
 */
class RuntimeGuideTest {
    static final Path REPO = Path.of(System.getProperty("user.dir")).getParent(); // surefire runs in runtime/
    static final Path GUIDE = REPO.resolve("docs/runtime-guide.md");
    static final String EXAMPLE_PATH = "examples/counter/src/main/java/com/example/counter/CounterService.java";
    static final Path EXAMPLE = REPO.resolve(EXAMPLE_PATH);

    @TempDir
    Path out;

    @Test
    void theGuideShowsTheExampleFileAsItIs_andItIsUnder60Lines() throws IOException {
        String guide = Files.readString(GUIDE);
        String marker = "<!-- the file " + EXAMPLE_PATH + ", checked by RuntimeGuideTest -->\n```java\n";
        int start = guide.indexOf(marker);
        assertThat(start).as("the guide marks the example with: " + marker).isNotNegative();
        int from = start + marker.length();
        String shown = guide.substring(from, guide.indexOf("```\n", from));
        String file = Files.readString(EXAMPLE);
        assertThat(shown).isEqualTo(file);
        assertThat(file.lines().count()).isLessThan(60);
    }

    @Test
    void theExampleCompilesAgainstTheRuntimeModule_andRecoversFromItsCrash() throws Exception {
        Ran javac = run(tool("javac"), "--module-path", runtimeClasses(), "--add-modules", "io.islands.runtime",
                "-d", out.toString(), EXAMPLE.toString());
        assertThat(javac.exit).as(javac.output).isZero();

        Ran java = run(tool("java"), "--module-path", runtimeClasses(), "--add-modules", "io.islands.runtime",
                "-cp", out.toString(), "com.example.counter.CounterService");

        assertThat(java.exit).as(java.output).isZero();
        assertThat(java.output).contains("count 2\n", "crashed: {crash, java.lang.IllegalStateException: crash requested at 2}\n",
                "count 5 after the restart\n");
    }

    @Test
    void anotherProjectCannotReachTheInternalPackage() throws Exception {
        Path source = out.resolve("src/com/example/sneaky/Sneaky.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, """
                package com.example.sneaky;

                class Sneaky {
                    Object hooks = io.islands.runtime.internal.ProcessHooks.class;
                }
                """);
        Ran javac = run(tool("javac"), "--module-path", runtimeClasses(), "--add-modules", "io.islands.runtime",
                "-d", out.resolve("classes").toString(), source.toString());

        assertThat(javac.exit).isNotZero();
        assertThat(javac.output).contains("package io.islands.runtime.internal is not visible");
    }

    record Ran(int exit, String output) {}

    static String tool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    /** @return where the runtime's classes are: its module's location (target/classes, or the jar) */
    static String runtimeClasses() throws URISyntaxException {
        return Path.of(Proc.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    /** Runs {@code command}, its output into a file; kills it after 60 s. */
    Ran run(String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile(out, "run", ".log");
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean exited = p.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            p.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(exited).as("%s exits within 60 s: %s", command[0], output).isTrue();
        return new Ran(p.exitValue(), output);
    }
}
