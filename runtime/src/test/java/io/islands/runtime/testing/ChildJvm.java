package io.islands.runtime.testing;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The class path for a test's child JVM (shared with module storage through the runtime's test
 * jar). Surefire runs a named module's tests on the module path, with the test classes patched
 * into the module: then neither {@code java.class.path} nor {@code surefire.test.class.path}
 * holds the module or the test classes, so they are added here.
 */
public final class ChildJvm {
    private ChildJvm() {}

    /**
     * @param anchors classes whose roots (a test-classes directory, a module's classes) must be on
     *     the child's class path
     * @return the roots of {@code anchors}, then the module path, then the class path
     */
    public static String classPath(Class<?>... anchors) {
        Set<String> parts = new LinkedHashSet<>();
        for (Class<?> c : anchors) {
            parts.add(root(c));
        }
        for (String property : new String[] {"jdk.module.path", "java.class.path"}) {
            String value = System.getProperty(property, "");
            for (String part : value.split(File.pathSeparator)) {
                if (!part.isEmpty()) {
                    parts.add(part);
                }
            }
        }
        return String.join(File.pathSeparator, parts);
    }

    /** @return the directory or jar that {@code c}'s class file was loaded from */
    static String root(Class<?> c) {
        String file = c.getName().replace('.', '/') + ".class";
        URL url = c.getClassLoader().getResource(file);
        if (url == null) {
            throw new IllegalStateException("no class file for " + c.getName());
        }
        String s = url.toString();
        if (s.startsWith("jar:file:")) {
            s = s.substring("jar:".length(), s.indexOf("!/"));
        } else if (s.startsWith("file:")) {
            s = s.substring(0, s.length() - file.length());
        } else {
            throw new IllegalStateException("cannot tell where " + c.getName() + " lives: " + s);
        }
        try {
            return Path.of(new URL(s).toURI()).toString();
        } catch (URISyntaxException | java.net.MalformedURLException e) {
            throw new IllegalStateException(s, e);
        }
    }
}
