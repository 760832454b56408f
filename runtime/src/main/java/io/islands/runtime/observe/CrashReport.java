package io.islands.runtime.observe;

import io.islands.runtime.ExitReason;
import io.islands.runtime.Pid;
import java.util.function.Supplier;

/**
 * One crash report: a process ended abnormally by its own code (not by an exit signal). The
 * runtime writes it as one event to the {@link System.Logger} {@code io.islands.runtime.crash}
 * (as this record, a {@code Supplier<String>} whose text is {@link #get()}, with the crash's
 * error as the throwable) and hands it to {@link RuntimeEvents} listeners. A logging bridge that
 * knows this type can log the fields as key-value pairs.
 *
 * @param pid         the process
 * @param name        its label or registered name; null if it had none
 * @param reason      its exit reason
 * @param lastMessage the message it was handling, abbreviated to 500 characters; null if none
 */
public record CrashReport(Pid pid, String name, ExitReason reason, String lastMessage) implements Supplier<String> {

    /** @return the error the process crashed with, or null for another abnormal reason */
    public Throwable error() {
        return reason instanceof ExitReason.Crash c ? c.error() : null;
    }

    /** @return {@code crash report: process=<pid> name=<name or -> reason=<reason> last_message=<message or ->} */
    @Override
    public String get() {
        return "crash report: process=" + pid
                + " name=" + (name == null ? "-" : name)
                + " reason=" + reason
                + " last_message=" + (lastMessage == null ? "-" : lastMessage);
    }

    @Override
    public String toString() {
        return get();
    }
}
