package io.islands.runtime;

import io.islands.runtime.internal.EventDispatch;
import io.islands.runtime.observe.CrashReport;
import java.lang.System.Logger.Level;

/**
 * Crash reports: one log event per abnormal exit, with process, name, reason and the message
 * being handled (a {@link CrashReport}, logged as a {@code Supplier<String>} so that a bridge can
 * turn its fields into key-value pairs), also told to
 * {@link io.islands.runtime.observe.RuntimeEvents} listeners. Written through
 * {@link System.Logger} so that this module needs no logging library; the server routes it to
 * SLF4J (its own bridge, {@code io.islands.server.logging}). Logger name:
 * {@code io.islands.runtime.crash}. Normal and shutdown exits are not logged as errors, nor
 * are exits caused by an exit signal (logged at DEBUG), as with OTP's proc_lib crash reports.
 */
final class CrashReports {
    private static final System.Logger LOG = System.getLogger("io.islands.runtime.crash");

    private CrashReports() {}

    /**
     * @param bySignal the process was ended by an exit signal rather than by its own code: as
     *     in OTP, no crash report then (the process did not crash; whoever killed it, or its
     *     supervisor, reports it)
     */
    static void exited(ProcessCell cell, ExitReason reason, boolean bySignal) {
        if (reason.isNormalExit() || bySignal) {
            if (LOG.isLoggable(Level.DEBUG)) {
                LOG.log(Level.DEBUG, "process={0} name={1} exited reason={2}", cell.pid, cell.label, reason);
            }
            return;
        }
        CrashReport report = new CrashReport(cell.pid, cell.label, reason, describe(cell.current));
        Throwable error = report.error();
        if (error != null) {
            LOG.log(Level.ERROR, report, error);
        } else {
            LOG.log(Level.ERROR, report);
        }
        if (EventDispatch.active()) {
            EventDispatch.crashed(report);
        }
    }

    static void hookFailed(ProcessCell cell, RuntimeException e) {
        LOG.log(Level.ERROR, "exit hook of process " + cell.pid + " failed", e);
    }

    static String describe(Object message) {
        if (message == null) {
            return null;
        }
        String s = String.valueOf(message);
        return s.length() > 500 ? s.substring(0, 500) + "..." : s;
    }
}
