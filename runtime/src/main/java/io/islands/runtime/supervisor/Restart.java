package io.islands.runtime.supervisor;

import io.islands.runtime.ExitReason;

/**
 * When a supervisor restarts a child that exited (otp-semantics §1.4).
 *
 * <table>
 *   <caption>Restart rules: is the child restarted after it exits with this reason?</caption>
 *   <tr><th>restart \ exit reason</th><th>{@code normal}</th><th>{@code shutdown},
 *       {@code {shutdown, cause}}</th><th>anything else ({@code killed}, crash, other)</th></tr>
 *   <tr><td>{@link #PERMANENT}</td><td>yes</td><td>yes</td><td>yes</td></tr>
 *   <tr><td>{@link #TRANSIENT}</td><td>no (spec kept, no pid)</td><td>no (spec kept, no pid)</td><td>yes</td></tr>
 *   <tr><td>{@link #TEMPORARY}</td><td>no (spec removed)</td><td>no (spec removed)</td><td>no (spec removed)</td></tr>
 * </table>
 * Every "yes" counts as one restart towards the supervisor's intensity. A temporary child that a
 * {@code one_for_all} or {@code rest_for_one} restart terminates is not restarted either; its spec
 * is removed.
 */
public enum Restart {
    /** Always restarted. The default. */
    PERMANENT,
    /** Restarted only after an abnormal exit: any reason but normal, shutdown, {shutdown, cause}. */
    TRANSIENT,
    /** Never restarted; removed from the supervisor when it exits. */
    TEMPORARY;

    /** @return whether a child of this restart type is restarted after exiting with {@code reason} */
    public boolean restartsAfter(ExitReason reason) {
        return switch (this) {
            case PERMANENT -> true;
            case TRANSIENT -> !reason.isNormalExit();
            case TEMPORARY -> false;
        };
    }
}
