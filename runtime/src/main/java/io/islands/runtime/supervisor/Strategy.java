package io.islands.runtime.supervisor;

/**
 * What a {@link Supervisor} does when a child must be restarted (otp-semantics §1.4).
 *
 * <table>
 *   <caption>Strategies</caption>
 *   <tr><th>strategy</th><th>terminated (reverse start order)</th><th>then started (start order)</th></tr>
 *   <tr><td>{@link #ONE_FOR_ONE}</td><td>nothing else</td><td>the child that exited</td></tr>
 *   <tr><td>{@link #ONE_FOR_ALL}</td><td>every other running child</td><td>every child the supervisor holds</td></tr>
 *   <tr><td>{@link #REST_FOR_ONE}</td><td>the running children started after it</td><td>it and the children after it</td></tr>
 * </table>
 * As in OTP, the children "started" by {@code ONE_FOR_ALL}/{@code REST_FOR_ONE} include those that
 * had no pid (a transient child that exited normally, one stopped with
 * {@link Supervisor#terminateChild}, one whose start returned ignore), and temporary children
 * that were terminated are removed instead of started.
 */
public enum Strategy {
    ONE_FOR_ONE,
    ONE_FOR_ALL,
    REST_FOR_ONE
}
