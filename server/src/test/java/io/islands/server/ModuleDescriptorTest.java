package io.islands.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.module.ModuleReader;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The server's module descriptor opens what reflection needs, so that a missing line fails here
 * and not at run time with an {@code InaccessibleObjectException}: every package that holds a
 * record (what Javalin's and our Jackson mappers serialize) is open to Jackson, every package
 * that holds a picocli command to picocli. The tests run on the module path (Surefire patches
 * them into {@code io.islands.server}), which is what lets this test see the descriptor at work.
 */
class ModuleDescriptorTest {
    private static final Module SERVER = IslandsServer.class.getModule();
    /** Where the module's main classes come from (the test classes are patched in from elsewhere). */
    private static final java.net.URL MAIN = IslandsServer.class.getProtectionDomain().getCodeSource().getLocation();

    /** @return every class of the server module's own jar or folder (not the tests patched in), by package */
    private static Map<String, Set<Class<?>>> classesByPackage() throws IOException {
        var ref = ModuleLayer.boot().configuration().findModule(SERVER.getName()).orElseThrow().reference();
        try (ModuleReader reader = ref.open()) {
            return reader.list()
                    .filter(n -> n.endsWith(".class") && !n.endsWith("module-info.class"))
                    .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
                    .map(ModuleDescriptorTest::load)
                    .filter(c -> c.getProtectionDomain().getCodeSource().getLocation().equals(MAIN))
                    .collect(Collectors.groupingBy(Class::getPackageName, Collectors.toSet()));
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, ModuleDescriptorTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * @return whether module-info.java opens {@code pkg} to {@code to}: read from the descriptor,
     *     not from {@link Module#isOpen}, which also answers true for what the test run opens
     *     (Surefire opens the packages of the tests it runs)
     */
    private static boolean declaresOpen(String pkg, Module to) {
        return SERVER.getDescriptor().isOpen() || SERVER.getDescriptor().opens().stream().anyMatch(o -> o.source().equals(pkg)
                && (!o.isQualified() || o.targets().contains(to.getName())));
    }

    @Test
    void theTestsRunInTheNamedModule() {
        assertThat(SERVER.isNamed()).as("tests on the module path").isTrue();
        assertThat(SERVER.getName()).isEqualTo("io.islands.server");
    }

    @Test
    void everyPackageWithARecordIsOpenToJackson_andEveryPackageWithACommandToPicocli() throws IOException {
        Module jackson = ObjectMapper.class.getModule();
        Module picocli = CommandLine.class.getModule();
        Set<String> notOpen = new TreeSet<>();
        classesByPackage().forEach((pkg, classes) -> {
            if (classes.stream().anyMatch(Class::isRecord) && !declaresOpen(pkg, jackson)) {
                notOpen.add(pkg + " to " + jackson.getName());
            }
            if (classes.stream().anyMatch(c -> c.isAnnotationPresent(CommandLine.Command.class)) && !declaresOpen(pkg, picocli)) {
                notOpen.add(pkg + " to " + picocli.getName());
            }
        });
        assertThat(notOpen).as("add 'opens <package> to <module>;' to server/src/main/java/module-info.java").isEmpty();
    }
}
