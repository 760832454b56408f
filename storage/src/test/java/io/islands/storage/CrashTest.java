package io.islands.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.islands.runtime.checkpoint.Saved;
import io.islands.runtime.testing.ChildJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 tests: a child JVM ({@link CrashWriter}) saves and acknowledges; it is killed with
 * SIGKILL after a seeded-random number of acknowledgements; the store is reopened and must hold
 * every acknowledged revision (and at most the one in flight per key), with no repair step.
 * Re-run a failure with {@code -Dcrash.seed=N}.
 */
class CrashTest {
    private static final int KEYS = 6;
    private static final long SEED = Long.getLong("crash.seed", System.nanoTime());

    /** Class data of the writer JVM, made by its first run, to start the next ones faster. */
    private static final Path CDS_ARCHIVE = Path.of("target", "crash-writer.jsa").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void sqliteDurableLosesNoAcknowledgedSave() throws Exception {
        Path file = dir.resolve("crash.db");
        crashLoop("sqlite:" + file, 20, SEED);
        assertIntegrity(file);
    }

    @Test
    void sqliteRelaxedLosesNoAcknowledgedSaveOnAProcessCrash() throws Exception {
        Path file = dir.resolve("relaxed.db");
        crashLoop("sqlite:" + file + "?durability=relaxed", 10, SEED + 1);
        assertIntegrity(file);
    }

    @Test
    void postgresLosesNoAcknowledgedSave() throws Exception {
        crashLoop(PostgresServer.freshUrl(), 20, SEED + 2);
    }

    private void crashLoop(String url, int kills, long seed) throws Exception {
        System.out.println("crash test " + url + ": seed " + seed + " (-Dcrash.seed=" + seed + ")");
        Random random = new Random(seed);
        Map<String, Long> floor = new HashMap<>(); // per key: the newest revision known to be stored
        for (int kill = 1; kill <= kills; kill++) {
            int after = 1 + random.nextInt(150);
            String context = "seed " + seed + ", kill " + kill + " after " + after + " acks";
            Map<String, Long> acked = runAndKill(url, after, context);
            try (var store = StateStores.open(url, TestCodec.INSTANCE, 3)) {
                for (int k = 0; k < KEYS; k++) {
                    String key = "key-" + k;
                    long known = Math.max(floor.getOrDefault(key, 0L), acked.getOrDefault(key, 0L));
                    List<Saved<TestState>> versions = store.versions(key);
                    long newest = versions.isEmpty() ? 0 : versions.get(0).revision();
                    // every acknowledged save is there; beyond it at most the one save in flight when killed
                    assertThat(newest).as("%s: %s newest vs acknowledged", context, key).isBetween(known, known + 1);
                    for (int i = 0; i < versions.size(); i++) {
                        Saved<TestState> v = versions.get(i);
                        assertThat(v.revision()).as("%s: %s history", context, key).isEqualTo(newest - i);
                        assertThat(v.state().turn()).isEqualTo((int) v.revision());
                        assertThat(v.state().player()).isEqualTo(key);
                    }
                    floor.put(key, newest);
                }
            }
        }
        assertThat(floor.values()).as("seed %d: every writer made progress", seed).allMatch(r -> r > 0);
    }

    /** Starts a writer, kills it with SIGKILL after {@code after} acknowledgements; @return key -> highest acknowledged. */
    private Map<String, Long> runAndKill(String url, int after, String context) throws Exception {
        Path stderr = dir.resolve("writer.err");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + CDS_ARCHIVE,
                "-cp", ChildJvm.classPath(CrashWriter.class),
                CrashWriter.class.getName(), url, String.valueOf(KEYS))
                .redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()))
                .start();
        Map<String, Long> acked = new HashMap<>();
        int seen = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                String[] f = line.split(" ");
                if (f.length == 3 && f[0].equals("ack")) {
                    acked.merge(f[1], Long.parseLong(f[2]), Math::max);
                }
                if (++seen == after) {
                    child.toHandle().destroyForcibly(); // SIGKILL; unlike Process.destroyForcibly it leaves
                    // the pipe open, so the lines the child wrote before dying are still read below
                }
            }
        } finally {
            child.toHandle().destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(seen).as("%s: the writer died early: %s", context,
                Files.exists(stderr) ? Files.readString(stderr) : "").isGreaterThanOrEqualTo(after);
        assertThat(child.exitValue()).as(context).isEqualTo(137);
        return acked;
    }

    private static void assertIntegrity(Path file) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                ResultSet rs = c.createStatement().executeQuery("PRAGMA integrity_check")) {
            List<String> report = new ArrayList<>();
            while (rs.next()) {
                report.add(rs.getString(1));
            }
            assertThat(report).containsExactly("ok");
        }
    }
}
