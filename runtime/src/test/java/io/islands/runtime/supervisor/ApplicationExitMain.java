package io.islands.runtime.supervisor;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Run in a separate JVM by {@link ApplicationTest}: starts an application and returns from main,
 * so the JVM exits and its shutdown hook must stop the tree. Prints each start and stop.
 */
public final class ApplicationExitMain {
    private ApplicationExitMain() {}

    public static void main(String[] args) {
        List<String> log = new CopyOnWriteArrayList<>() {
            @Override
            public boolean add(String line) {
                System.out.println(line);
                System.out.flush();
                return super.add(line);
            }
        };
        Application.start("exit-test", SupervisorFlags.oneForOne(), ApplicationTest.tree(log));
        System.out.println("main returns");
    }
}
