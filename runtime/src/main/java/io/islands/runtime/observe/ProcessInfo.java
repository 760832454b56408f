package io.islands.runtime.observe;

import io.islands.runtime.Pid;
import java.util.List;
import java.util.Optional;

/**
 * One process as {@link Inspect} saw it. Immutable; each field is read on its own, without
 * stopping the process, so the fields may come from slightly different moments.
 *
 * @param pid the process
 * @param name its label: a registered name, or what it called itself ({@code Proc.label}); empty if none
 * @param status what it was doing
 * @param mailboxSize messages waiting (approximate)
 * @param currentMessage the message it was handling, as text cut to {@link Inspect#MAX_TEXT}
 *     characters (GenServers say; {@code call REQUEST}, {@code cast REQUEST}); empty if idle or
 *     if it does not say
 * @param parent the process that spawned it ({@link Pid#EXTERNAL}: none)
 * @param links the processes linked to it
 * @param trapsExits whether it traps exits
 */
public record ProcessInfo(Pid pid, Optional<String> name, Status status, int mailboxSize,
        Optional<String> currentMessage, Pid parent, List<Pid> links, boolean trapsExits) {
    public ProcessInfo {
        links = List.copyOf(links);
    }

    /** What a process was doing when it was inspected. */
    public enum Status {
        /** On its thread, or ready to run. */
        RUNNING,
        /**
         * On its thread longer than the long-schedule threshold without reaching a safe point: it
         * holds a carrier the runtime cannot take back (see {@link io.islands.runtime.Scheduling}).
         */
        LONG_SCHEDULE,
        /** Parked, waiting for a message, a reply or a signal. */
        WAITING,
        /** Its exit has begun: names and tables are being released, links and monitors told. */
        EXITING
    }
}
