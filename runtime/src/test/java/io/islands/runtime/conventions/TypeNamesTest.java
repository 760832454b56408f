package io.islands.runtime.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One simple name per type in each module's main code: no two types that code names by their
 * simple name alone share it (top-level, nested, local). The variants of a sealed type (the
 * types declared directly inside it, such as {@code StartResult.Ok} and {@code InitResult.Ok},
 * {@code ExitReason.Timeout} and {@code Next.Timeout}) are exempt: they are always written
 * through their parent; so are builders, by the builder idiom a nested {@code Builder} written
 * through what it builds ({@code ServerConfig.Builder}, {@code Limits.Builder}). Reads the sources of every module of the build (a text scan: comments
 * and literals are stripped first), so it lists what other modules still have too.
 */
class TypeNamesTest {
    static final Path REPO = Path.of(System.getProperty("user.dir")).getParent(); // surefire runs in runtime/
    static final List<String> MODULES = List.of("runtime", "storage", "engine", "server", "bench");

    /**
     * Duplicates that other work removes; the test fails on any duplicate not listed here (a
     * listed one that is gone is only reported). None is left; the map stays for the next
     * rename that spans several changes.
     */
    static final Map<String, Set<String>> KNOWN = Map.of();

    @Test
    void noModuleHasTwoTypesOfTheSameSimpleName() {
        Map<String, Map<String, List<String>>> all = new TreeMap<>();
        for (String module : MODULES) {
            Path main = REPO.resolve(module).resolve("src/main/java");
            if (Files.isDirectory(main)) {
                all.put(module, duplicates(main));
            }
        }
        all.forEach((module, dups) -> {
            Set<String> known = KNOWN.getOrDefault(module, Set.of());
            dups.forEach((name, where) -> System.out.printf("%s: %s %s%s%n", module, name, where,
                    known.contains(name) ? " (known)" : ""));
            known.stream().filter(n -> !dups.containsKey(n))
                    .forEach(n -> System.out.printf("%s: %s is no longer duplicated: drop it from KNOWN%n", module, n));
        });
        assertThat(all.get("runtime")).as("runtime").isEmpty();
        assertThat(all.get("storage")).as("storage").isEmpty();
        all.forEach((module, dups) -> assertThat(dups.keySet()).as(module)
                .isSubsetOf(KNOWN.getOrDefault(module, Set.of())));
    }

    @Test
    void theScanFindsNestedAndLocalTypes_andExemptsOnlySealedVariants() {
        String source = """
                package p;
                /** class Comment {} */
                public sealed interface Answer {
                    record Ok(int v) implements Answer {}
                    non-sealed interface Open extends Answer { record Inner() {} }
                    final class Error implements Answer { String s = "class Quoted {}"; }
                }
                final class Holder {
                    record Ok(String s) {}
                    void m() { record Local() {} Runnable r = new Runnable() { public void run() { class Local {} } }; }
                    @SuppressWarnings({"unchecked"}) enum Error { A }
                }
                """;
        List<Declared> types = declarations(source, "p/Answer.java");
        assertThat(types).extracting(Declared::name)
                .containsExactly("Answer", "Ok", "Open", "Inner", "Error", "Holder", "Ok", "Local", "Local", "Error");
        assertThat(types).filteredOn(Declared::sealedVariant).extracting(Declared::name)
                .containsExactly("Ok", "Open", "Error");
    }

    /** The builder idiom's nested type, exempt (see above). */
    static final String BUILDER = "Builder";

    record Declared(String name, boolean sealedVariant, String file) {}

    /** @return simple name -> the files declaring it, for the names declared more than once */
    static Map<String, List<String>> duplicates(Path root) {
        Map<String, List<String>> byName = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String name = f.getFileName().toString();
                if (name.equals("module-info.java") || name.equals("package-info.java")) {
                    continue;
                }
                for (Declared d : declarations(Files.readString(f), root.relativize(f).toString())) {
                    if (!d.sealedVariant() && !d.name().equals(BUILDER)) {
                        byName.computeIfAbsent(d.name(), k -> new ArrayList<>()).add(d.file());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byName.values().removeIf(where -> where.size() < 2);
        return byName;
    }

    private static final Pattern TOKENS = Pattern.compile(
            "\\b(?<kind>class|interface|enum|record)\\s+(?<name>[A-Z]\\w*)|(?<open>\\{)|(?<close>\\})|(?<po>\\()|(?<pc>\\))"
                    + "|(?<sealed>(?<![-\\w])sealed\\b)|(?<end>;)");
    private static final Pattern NOISE = Pattern.compile(
            "\"\"\"[\\s\\S]*?\"\"\"|/\\*[\\s\\S]*?\\*/|//[^\\n]*|\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\\\n])+'");

    /** @return the types declared in {@code source}, in order, each with whether it is a sealed type's variant */
    static List<Declared> declarations(String source, String file) {
        String code = NOISE.matcher(source).replaceAll(" ");
        List<Declared> out = new ArrayList<>();
        Deque<Boolean> frames = new ArrayDeque<>(); // per open brace: is it the body of a sealed type?
        boolean sealedSeen = false; // since the last statement or brace
        Boolean pendingType = null; // a declared type whose body has not opened yet: is it sealed?
        int parens = 0;
        Matcher m = TOKENS.matcher(code);
        while (m.find()) {
            if (m.group("po") != null) {
                parens++;
            } else if (m.group("pc") != null) {
                parens--;
            } else if (parens > 0) {
                continue; // braces in annotations, lambdas' arguments: not type bodies of interest
            } else if (m.group("sealed") != null) {
                sealedSeen = true;
            } else if (m.group("kind") != null) {
                boolean variant = Boolean.TRUE.equals(frames.peek());
                out.add(new Declared(m.group("name"), variant, file));
                pendingType = sealedSeen;
            } else if (m.group("open") != null) {
                frames.push(pendingType != null && pendingType);
                pendingType = null;
                sealedSeen = false;
            } else if (m.group("close") != null) {
                frames.poll();
                sealedSeen = false;
            } else {
                sealedSeen = false;
            }
        }
        return out;
    }
}
