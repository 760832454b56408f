package io.islands.server.ops;

import io.islands.runtime.ExitReason;

/** An exit reason as a metric label with few values: its kind, and for a crash the error's class. */
final class ReasonLabel {
    private ReasonLabel() {}

    /** @return normal, shutdown, kill, killed, noproc, timeout, crash:SimpleClassName or other */
    static String of(ExitReason reason) {
        return switch (reason) {
            case ExitReason.Normal n -> "normal";
            case ExitReason.Shutdown s -> "shutdown";
            case ExitReason.Kill k -> "kill";
            case ExitReason.Killed k -> "killed";
            case ExitReason.NoProc n -> "noproc";
            case ExitReason.Timeout t -> "timeout";
            case ExitReason.Crash c -> "crash:" + c.error().getClass().getSimpleName();
            case ExitReason.Other o -> "other";
        };
    }
}
