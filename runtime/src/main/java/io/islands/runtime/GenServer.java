package io.islands.runtime;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A server process with state: the callbacks, and the functions that start and talk to one
 * (Elixir's {@code GenServer}). Implement the callbacks; {@code S} is the state, which should be
 * immutable.
 *
 * <table>
 *   <caption>Callbacks</caption>
 *   <tr><th>callback</th><th>called</th><th>returns</th><th>default</th></tr>
 *   <tr><td>{@link #init()}</td><td>in the new process, after its name is registered, before
 *       {@code start} returns</td><td>{@link InitResult}</td><td>(required)</td></tr>
 *   <tr><td>{@link #handleCall}</td><td>for each {@link #call}</td><td>{@link Result}: reply, noReply (reply later with
 *       {@link #reply(From, Object)}), stop, stopReply</td><td>crashes: unexpected call</td></tr>
 *   <tr><td>{@link #handleCast}</td><td>for each {@link #cast}</td><td>{@link Result} without reply</td><td>crashes: unexpected cast</td></tr>
 *   <tr><td>{@link #handleInfo}</td><td>for any other message, {@link IdleTimeout#INSTANCE} after a
 *       {@link Next.Timeout}, and {@link Exit} messages from non-parents when trapping exits</td><td>{@link Result} without reply</td>
 *       <td>logs and ignores the message</td></tr>
 *   <tr><td>{@link #handleContinue}</td><td>right after a callback that returned {@link Next.Continue}, before any message</td>
 *       <td>{@link Result} without reply</td><td>crashes</td></tr>
 *   <tr><td>{@link #terminate}</td><td>when a callback returns stop or throws; when the parent's exit signal arrives
 *       while trapping exits; on {@link #stop}. <b>Not</b> on kill, nor on an exit signal while not trapping</td>
 *       <td>nothing; a throw is logged</td><td>does nothing</td></tr>
 * </table>
 *
 * <table>
 *   <caption>Exit reasons a caller sees, as {@link ExitException#reason()}</caption>
 *   <tr><th>situation</th><th>reason</th></tr>
 *   <tr><td>no process at the pid or name (dead, never started)</td><td>{@link ExitReason.NoProc}</td></tr>
 *   <tr><td>no reply within the timeout (default 5 s)</td><td>{@link ExitReason.Timeout}</td></tr>
 *   <tr><td>the server exited before replying</td><td>the server's exit reason</td></tr>
 * </table>
 * A caller never hangs on a dead server: its call watches the server like a monitor.
 */
public interface GenServer<S> {

    /** The default call timeout, as in OTP: 5 seconds. */
    Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    /** Runs in the new process; see the table above. */
    InitResult<S> init() throws Exception;

    default Result<S> handleCall(Object request, From from, S state) throws Exception {
        throw new IllegalStateException("unexpected call " + request + " from " + from.caller());
    }

    default Result<S> handleCast(Object request, S state) throws Exception {
        throw new IllegalStateException("unexpected cast " + request);
    }

    default Result<S> handleInfo(Object message, S state) throws Exception {
        GenServerLoop.LOG.log(System.Logger.Level.WARNING, "{0} received unexpected message: {1}", Proc.self(), message);
        return Result.noReply(state);
    }

    default Result<S> handleContinue(Object value, S state) throws Exception {
        throw new IllegalStateException("unexpected continue " + value);
    }

    default void terminate(ExitReason reason, S state) throws Exception {}

    // ---- starting --------------------------------------------------------------------------

    /**
     * Starts a server linked to the calling process and waits until its {@link #init()} has
     * returned. Inside a process (use {@link #start} outside one).
     */
    static StartResult startLink(GenServer<?> server) {
        return GenServerLoop.start(server, StartOptions.DEFAULT, true);
    }

    /** Like {@link #startLink(GenServer)}, with a name and other options. */
    static StartResult startLink(GenServer<?> server, StartOptions options) {
        return GenServerLoop.start(server, options, true);
    }

    /** Starts a server that is not linked to the caller; works from any thread. */
    static StartResult start(GenServer<?> server) {
        return GenServerLoop.start(server, StartOptions.DEFAULT, false);
    }

    /** Like {@link #start(GenServer)}, with a name and other options. */
    static StartResult start(GenServer<?> server, StartOptions options) {
        return GenServerLoop.start(server, options, false);
    }

    /**
     * Options for starting a server.
     *
     * @param name where to register it (null: no name); a taken name gives {@link StartResult.AlreadyStarted}
     * @param startTimeout how long to wait for init (null: for ever, as in OTP); on expiry the
     *     process is killed and the start returns an error with reason timeout
     * @param label a label for crash reports and the observer when there is no name (nullable)
     * @param hibernateAfter OTP's {@code hibernate_after}: when the server has waited this long
     *     for a message it hibernates ({@link Next#hibernate()}), as if its last callback had
     *     asked to; null: never on its own. For processes that are idle most of their life and
     *     many (Phoenix hibernates its sockets and channels after 15 s).
     */
    record StartOptions(Name name, Duration startTimeout, String label, Duration hibernateAfter) {
        public static final StartOptions DEFAULT = new StartOptions(null, null, null, null);

        public StartOptions {
            if (hibernateAfter != null && (hibernateAfter.isNegative() || hibernateAfter.isZero())) {
                throw new IllegalArgumentException("hibernateAfter must be positive: " + hibernateAfter);
            }
        }

        public StartOptions(Name name, Duration startTimeout, String label) {
            this(name, startTimeout, label, null);
        }

        public static StartOptions named(Name name) {
            return new StartOptions(Objects.requireNonNull(name), null, null, null);
        }

        public StartOptions withStartTimeout(Duration timeout) {
            return new StartOptions(name, timeout, label, hibernateAfter);
        }

        public StartOptions withLabel(String label) {
            return new StartOptions(name, startTimeout, label, hibernateAfter);
        }

        public StartOptions withHibernateAfter(Duration idle) {
            return new StartOptions(name, startTimeout, label, idle);
        }
    }

    // ---- talking to a server ---------------------------------------------------------------

    /**
     * Sends {@code request} to the server and waits up to 5 s for the reply.
     *
     * @return the reply (may be null if the server replied null)
     * @throws ExitException noproc, timeout, or the server's exit reason (see the table above)
     */
    static Object call(Pid server, Object request) {
        return GenServerLoop.call(server, request, DEFAULT_TIMEOUT);
    }

    /** Like {@link #call(Pid, Object)} with a timeout; {@code null} waits for ever. */
    static Object call(Pid server, Object request, Duration timeout) {
        return GenServerLoop.call(server, request, timeout);
    }

    /** Calls the server registered under {@code name}; noproc if there is none. */
    static Object call(Name name, Object request) {
        return call(name, request, DEFAULT_TIMEOUT);
    }

    /** Calls the server registered under {@code name}, with a timeout. */
    static Object call(Name name, Object request, Duration timeout) {
        Optional<Pid> pid = name.whereis();
        if (pid.isEmpty()) {
            throw new ExitException(ExitReason.NOPROC, "no process registered as " + name);
        }
        return GenServerLoop.call(pid.get(), request, timeout);
    }

    /** Sends {@code request} to the server without waiting. Never fails, like {@link Proc#send}. */
    static void cast(Pid server, Object request) {
        Proc.send(server, new GenServerLoop.Cast(Objects.requireNonNull(request)));
    }

    /** Casts to the server registered under {@code name}; dropped if there is none. */
    static void cast(Name name, Object request) {
        name.whereis().ifPresent(pid -> cast(pid, request));
    }

    /**
     * Answers a call whose handleCall returned {@link Result#noReply}. Any thread.
     *
     * @return false if the caller was already answered or stopped waiting (timeout, or it died)
     */
    static boolean reply(From from, Object reply) {
        return from.complete(reply);
    }

    /**
     * Stops the server: it runs {@link #terminate} with {@code reason}, then exits. Waits until
     * it has exited.
     *
     * @throws ExitException noproc if there is no such process; timeout if it has not exited
     *     within {@code timeout} (it is then left running)
     */
    static void stop(Pid server, ExitReason reason, Duration timeout) {
        GenServerLoop.stop(server, reason, timeout);
    }
}
