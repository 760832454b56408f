package io.islands.runtime;

/**
 * Code run when a process exits, after it stops being alive and <b>before</b> its links and
 * monitors are told: how registered names and owned tables are released first (otp-semantics
 * §1.7). A runtime extension point ({@link Proc#addExitHook}); hooks must be quick and must not
 * block. Hooks run on the exiting process's thread, last added first.
 */
@FunctionalInterface
public interface ExitHook {
    void onExit(Pid pid, ExitReason reason);
}
