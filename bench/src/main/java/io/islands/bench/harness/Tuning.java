package io.islands.bench.harness;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The VM settings of one side of a run. {@link #DEFAULT}: no flags at all (the JVM's ergonomics;
 * BEAM with only {@code +P}, a process-count limit the 1,000,000-game scenarios need, not a speed
 * setting). {@link #TUNED}: the best flags documented for each side, from
 * {@code bench/workload.properties} ({@code tuned.islands.jvm}, {@code tuned.otp.erl}); why these,
 * with their measurements, is in docs/benchmarks.md ("Tuning").
 */
enum Tuning {
    DEFAULT, TUNED;

    /** @return the name results carry in their {@code tuning} param */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the JVM flags of the Islands side's JVM */
    List<String> jvmFlags(Workload w) {
        return this == DEFAULT ? List.of() : split(w.flags("tuned.islands.jvm"));
    }

    /** @return the emulator flags of the OTP side (passed as {@code ERL_FLAGS}) */
    List<String> erlFlags(Workload w) {
        return this == DEFAULT ? List.of() : split(w.flags("tuned.otp.erl"));
    }

    private static List<String> split(String flags) {
        return Arrays.stream(flags.trim().split("\\s+")).filter(f -> !f.isEmpty()).toList();
    }
}
