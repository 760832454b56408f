package io.islands.runtime.internal;

import io.islands.runtime.Pid;
import java.util.Objects;
import java.util.Optional;

/**
 * Hooks into processes for the runtime's own packages and the modules built on it (the disk
 * tables' owners, the server's sockets), and readings for the runtime's observer. Not part of
 * the runtime's API: module-info exports this package only to the Islands modules that need it.
 *
 * <p>Design note: the process internals are package-private in {@code io.islands.runtime}. The
 * class initializer of {@link Pid} hands this class an implementation of {@link Provider}, once
 * (the JDK's "shared secrets" idiom); every method here takes a pid, so {@code Pid} is
 * initialized before any call. The field is volatile so that a reader on any thread sees the one
 * write; it is never written again.
 */
public final class ProcessHooks {
    /** What the runtime's core offers this class. Implemented once, inside {@code io.islands.runtime}. */
    public interface Provider {
        boolean addExitHook(Pid pid, ExitHook hook);

        void removeExitHook(Pid pid, ExitHook hook);

        Optional<Object> currentMessage(Pid pid);

        Pid parent(Pid pid);

        boolean isWaiting(Pid pid);
    }

    private static volatile Provider provider;

    private ProcessHooks() {}

    /**
     * Called once by {@link Pid}'s class initializer.
     *
     * @throws IllegalStateException on a second call
     */
    public static synchronized void install(Provider implementation) {
        if (provider != null) {
            throw new IllegalStateException("process hooks are installed already");
        }
        provider = Objects.requireNonNull(implementation);
    }

    private static Provider provider(Pid pid) {
        Objects.requireNonNull(pid, "pid"); // a pid exists: Pid is initialized, provider is set
        return provider;
    }

    /**
     * Adds {@code hook}, run when {@code pid} exits, before its links and monitors are told. For
     * components that own resources per process (names, tables, sockets).
     *
     * @return false, adding nothing, if {@code pid} is not alive (its exit has begun)
     */
    public static boolean addExitHook(Pid pid, ExitHook hook) {
        return provider(pid).addExitHook(pid, Objects.requireNonNull(hook, "hook"));
    }

    /** Removes a hook added with {@link #addExitHook}; does nothing if it is not there. */
    public static void removeExitHook(Pid pid, ExitHook hook) {
        provider(pid).removeExitHook(pid, hook);
    }

    /** @return the message {@code pid} is handling now, if it says (GenServers do) */
    public static Optional<Object> currentMessage(Pid pid) {
        return provider(pid).currentMessage(pid);
    }

    /**
     * @return the process that spawned {@code pid} ({@link Pid#EXTERNAL} for one spawned from
     *     outside any process, and for {@link Pid#EXTERNAL} itself)
     */
    public static Pid parent(Pid pid) {
        return provider(pid).parent(pid);
    }

    /**
     * @return whether {@code pid} is alive and parked now, waiting for a message, a reply or a
     *     signal (false: running, or dead). A racy reading, for tools such as the observer
     */
    public static boolean isWaiting(Pid pid) {
        return provider(pid).isWaiting(pid);
    }
}
