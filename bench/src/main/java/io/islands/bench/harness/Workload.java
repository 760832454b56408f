package io.islands.bench.harness;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The game-driving workload both sides play, read from {@code bench/workload.properties}, which
 * bench/otp's {@code islands_bench:workload/1} reads too (the file says what each key means).
 * Keys prefixed {@code quick.} replace their plain key in quick runs.
 *
 * @param file where it was read from
 * @param props the file's keys and values
 */
record Workload(Path file, Properties props) {
    /** The only move mix and placement both sides implement. */
    static final String MIX = "random_water";
    static final String PLACEMENT = "demo";

    private static volatile Workload loaded;

    /**
     * @return the workload of {@code bench/workload.properties} (from the project root or the bench
     *     module's directory, or the file named by the system property {@code islands.bench.workload})
     * @throws IllegalStateException if the file is missing or names a mix or placement not implemented
     */
    static Workload load() {
        Workload w = loaded;
        if (w == null) {
            String named = System.getProperty("islands.bench.workload");
            Path file = named != null ? Path.of(named)
                    : List.of(Path.of("bench/workload.properties"), Path.of("workload.properties")).stream()
                            .filter(Files::isRegularFile).findFirst()
                            .orElseThrow(() -> new IllegalStateException(
                                    "bench/workload.properties not found (run from the project root)"));
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file)) {
                p.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": " + e.getMessage(), e);
            }
            w = new Workload(file.toAbsolutePath(), p);
            if (!MIX.equals(w.get("mix", false)) || !PLACEMENT.equals(w.get("placement", false))) {
                throw new IllegalStateException(file + ": only mix=" + MIX + " and placement=" + PLACEMENT
                        + " are implemented");
            }
            loaded = w;
        }
        return w;
    }

    /** @return the number of drivers of {@code moves} (one per core, as on the OTP side) */
    int drivers() {
        return Integer.parseInt(get("drivers", false));
    }

    /** @return the game counts of {@code scenario} ({@code moves}, {@code recovery}: live games; {@code durable}: active games) */
    List<Integer> games(String scenario, boolean quick) {
        return Arrays.stream(get(scenario + ".games", quick).split(",")).map(s -> Integer.parseInt(s.trim())).toList();
    }

    /** @return the integer under {@code key} (e.g. {@code recovery.kills}) */
    int count(String key, boolean quick) {
        return Integer.parseInt(get(key, quick));
    }

    /** @return the measured window of {@code scenario} */
    Duration window(String scenario, boolean quick) {
        return Duration.ofMillis(Long.parseLong(get(scenario + ".window_ms", quick)));
    }

    /** @return the untimed play before a window: a third of it, at most {@code warmup_max_ms} */
    Duration warmUp(Duration window) {
        return Duration.ofMillis(Math.min(Long.parseLong(get("warmup_max_ms", false)), window.toMillis() / 3));
    }

    /** @return what a result line says of the workload it played (the OTP side's lines carry the same keys) */
    Map<String, Object> params(Duration window) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mix", get("mix", false));
        out.put("placement", get("placement", false));
        out.put("warm_up_ms", warmUp(window).toMillis());
        return out;
    }

    /** @return the VM flags under {@code key} (empty if the key is absent or empty) */
    String flags(String key) {
        return props.getProperty(key, "").trim();
    }

    private String get(String key, boolean quick) {
        String v = quick ? props.getProperty("quick." + key, props.getProperty(key)) : props.getProperty(key);
        if (v == null) {
            throw new IllegalStateException(file + ": no key " + key);
        }
        return v.trim();
    }
}
