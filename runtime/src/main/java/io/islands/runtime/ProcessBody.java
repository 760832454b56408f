package io.islands.runtime;

/**
 * The code a process runs. Returning ends the process with reason {@code normal}; throwing
 * {@link ExitException} ends it with that exception's reason; any other throwable ends it with
 * {@link ExitReason.Crash} and a crash report.
 */
@FunctionalInterface
public interface ProcessBody {
    void run() throws Exception;
}
