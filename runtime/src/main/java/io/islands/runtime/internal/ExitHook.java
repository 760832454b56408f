package io.islands.runtime.internal;

import io.islands.runtime.ExitReason;
import io.islands.runtime.Pid;

/**
 * Code run when a process exits, after it stops being alive and <b>before</b> its links and
 * monitors are told: how registered names and owned tables are released first (otp-semantics
 * §1.7). A hook for the runtime's own packages and the modules built on it
 * ({@link ProcessHooks#addExitHook}); hooks must be quick and must not block. Hooks run on the
 * exiting process's thread, last added first.
 */
@FunctionalInterface
public interface ExitHook {
    void onExit(Pid pid, ExitReason reason);
}
