package io.islands.runtime;

import java.util.Objects;

/**
 * Why a process exited, or the reason an exit signal carries: OTP's exit reasons as Java values.
 *
 * <table>
 *   <caption>Exit reasons and what they do</caption>
 *   <tr><th>reason</th><th>logged as a crash</th><th>transient child restarted</th>
 *       <th>linked process that does not trap exits</th></tr>
 *   <tr><td>{@link Normal}</td><td>no</td><td>no</td><td>unaffected (signal dropped)</td></tr>
 *   <tr><td>{@link Shutdown} (with or without a cause)</td><td>no</td><td>no</td><td>exits with the same reason</td></tr>
 *   <tr><td>{@link Kill} sent with {@link Proc#exit(Pid, ExitReason)}</td><td>yes (as killed)</td><td>yes</td>
 *       <td>untrappable: the target exits with {@link Killed}</td></tr>
 *   <tr><td>{@link Killed}, {@link NoProc}, {@link Timeout}, {@link Crash}, {@link Other}</td><td>yes</td><td>yes</td>
 *       <td>exits with the same reason</td></tr>
 * </table>
 */
public sealed interface ExitReason {

    /** The process finished its work. */
    record Normal() implements ExitReason {
        @Override public String toString() { return "normal"; }
    }

    /** An orderly stop, asked for by a supervisor or the process itself; {@code cause} may be null. */
    record Shutdown(Object cause) implements ExitReason {
        @Override public String toString() { return cause == null ? "shutdown" : "{shutdown, " + cause + "}"; }
    }

    /** The untrappable kill request. A process that receives it explicitly exits with {@link Killed}. */
    record Kill() implements ExitReason {
        @Override public String toString() { return "kill"; }
    }

    /** The reason of a process that was killed with {@link Kill}. */
    record Killed() implements ExitReason {
        @Override public String toString() { return "killed"; }
    }

    /** The target process does not exist (already dead, or never existed). */
    record NoProc() implements ExitReason {
        @Override public String toString() { return "noproc"; }
    }

    /** A call was not answered in time. */
    record Timeout() implements ExitReason {
        @Override public String toString() { return "timeout"; }
    }

    /** The process body threw; {@code error} is the throwable. */
    record Crash(Throwable error) implements ExitReason {
        public Crash {
            Objects.requireNonNull(error, "error");
        }
        @Override public String toString() { return "{crash, " + error + "}"; }
    }

    /** Any other reason, an application value such as a string or a record. */
    record Other(Object value) implements ExitReason {
        public Other {
            Objects.requireNonNull(value, "value");
        }
        @Override public String toString() { return String.valueOf(value); }
    }

    ExitReason NORMAL = new Normal();
    ExitReason SHUTDOWN = new Shutdown(null);
    ExitReason KILL = new Kill();
    ExitReason KILLED = new Killed();
    ExitReason NOPROC = new NoProc();
    ExitReason TIMEOUT = new Timeout();

    static ExitReason normal() { return NORMAL; }
    static ExitReason shutdown() { return SHUTDOWN; }
    static ExitReason shutdown(Object cause) { return new Shutdown(cause); }
    static ExitReason kill() { return KILL; }
    static ExitReason killed() { return KILLED; }
    static ExitReason noproc() { return NOPROC; }
    static ExitReason timeout() { return TIMEOUT; }
    static ExitReason crash(Throwable error) { return new Crash(error); }
    static ExitReason other(Object value) { return new Other(value); }

    /**
     * @return true for {@code normal}, {@code shutdown} and {@code {shutdown, cause}}: the reasons
     *     after which a transient child is not restarted and that are not logged as crashes
     */
    default boolean isNormalExit() {
        return this instanceof Normal || this instanceof Shutdown;
    }
}
