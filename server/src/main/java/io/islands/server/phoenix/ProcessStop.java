package io.islands.server.phoenix;

import io.islands.runtime.ExitException;
import io.islands.runtime.ExitReason;
import io.islands.runtime.GenServer;
import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stopping a server process and waiting for it, with a kill as the last resort. */
final class ProcessStop {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessStop.class);

    private ProcessStop() {}

    /**
     * Stops {@code pid} with {@code reason} (its terminate runs) and waits up to {@code timeout};
     * kills it if it has not exited by then. Does nothing if it is already gone.
     */
    static void stop(Pid pid, ExitReason reason, Duration timeout) {
        try {
            GenServer.stop(pid, reason, timeout);
        } catch (ExitException e) {
            if (e.reason() instanceof ExitReason.Timeout) {
                LOG.warn("{} ({}) did not stop within {}; killing it", pid, Proc.label(pid), timeout);
                Proc.exit(pid, ExitReason.kill());
            } // noproc: it has exited already
        }
    }
}
