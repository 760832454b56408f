package io.islands.bench.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a scenario of the OTP side ({@code bench/otp/run}) and reads its JSON lines; and any child
 * process that prints results as JSON lines (the Islands side in its own JVM, {@link BenchCommand}).
 */
final class OtpSide {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OtpSide() {}

    /** @return the run script, if Erlang and the script are here */
    static Path script() {
        // from the project's root (./islands bench), or from the bench module (its tests)
        Path run = Path.of("bench/otp/run").toAbsolutePath();
        if (!Files.isExecutable(run)) {
            run = Path.of("otp/run").toAbsolutePath();
        }
        if (!Files.isExecutable(run)) {
            return null;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, "erl"))) {
                return run;
            }
        }
        return null;
    }

    /**
     * Runs {@code scenario} on the OTP side with {@code erlFlags} as {@code ERL_FLAGS} (empty: none).
     *
     * @return its results; none if it failed (reported on stderr)
     */
    static List<ScenarioResult> run(Path script, String scenario, List<String> params, String erlFlags) {
        List<String> cmd = new ArrayList<>(List.of(script.toString(), scenario));
        cmd.addAll(params);
        return runJsonLines(cmd, Map.of("ERL_FLAGS", erlFlags), "OTP side of " + scenario);
    }

    /**
     * Runs {@code cmd} (stderr to ours) with {@code env} added to our environment, and parses every
     * stdout line that starts with '{' as a result.
     *
     * @return the results read; a failure to start or a non-zero exit is reported on stderr
     */
    static List<ScenarioResult> runJsonLines(List<String> cmd, Map<String, String> env, String what) {
        List<ScenarioResult> out = new ArrayList<>();
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
            pb.environment().putAll(env);
            Process p = pb.start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("{")) {
                        out.add(parse(JSON.readTree(line)));
                    }
                }
            }
            int rc = p.waitFor();
            if (rc != 0) {
                System.err.println("bench: " + what + " exited " + rc);
            }
        } catch (Exception e) {
            System.err.println("bench: " + what + " failed: " + e);
        }
        return out;
    }

    /** @return the results of a {@code --json} file (one object per line), e.g. to redraw its charts */
    static List<ScenarioResult> read(Path json) throws java.io.IOException {
        List<ScenarioResult> out = new ArrayList<>();
        for (String line : Files.readAllLines(json)) {
            if (line.startsWith("{")) {
                out.add(parse(JSON.readTree(line)));
            }
        }
        return out;
    }

    private static ScenarioResult parse(JsonNode n) {
        Map<String, Object> params = new HashMap<>();
        n.path("params").properties().forEach(e -> params.put(e.getKey(),
                e.getValue().isNumber() ? e.getValue().numberValue()
                        : e.getValue().isBoolean() ? (Object) e.getValue().booleanValue() : e.getValue().asText()));
        return new ScenarioResult(n.path("scenario").asText(), n.path("system").asText("otp"), num(n, "ops_per_sec"), num(n, "p50_us"),
                num(n, "p99_us"), num(n, "bytes_per_game"), params);
    }

    private static Double num(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asDouble();
    }
}
