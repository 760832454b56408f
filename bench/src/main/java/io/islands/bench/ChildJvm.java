package io.islands.bench;

import java.io.File;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What a child JVM of the benches (a game node, a scenario's side) is started with. */
public final class ChildJvm {
    private ChildJvm() {}

    /**
     * @return every jar and folder this JVM runs, as one class path for a child: the class path,
     *     and the module path when this JVM has one (the tests run on it, with the Islands modules
     *     named); the shaded jar of {@code ./islands} is on the class path alone
     */
    public static String classPath() {
        return Stream.of(System.getProperty("jdk.module.path"), System.getProperty("java.class.path"))
                .filter(Objects::nonNull).filter(p -> !p.isEmpty())
                .collect(Collectors.joining(File.pathSeparator));
    }
}
