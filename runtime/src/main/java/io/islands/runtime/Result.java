package io.islands.runtime;

import java.util.Objects;

/**
 * What {@link GenServer#handleCall}, {@link GenServer#handleCast}, {@link GenServer#handleInfo}
 * and {@link GenServer#handleContinue} return.
 *
 * <table>
 *   <caption>callback results</caption>
 *   <tr><th>result</th><th>allowed from</th><th>effect</th></tr>
 *   <tr><td>{@link #reply(Object, Object)}</td><td>handleCall</td><td>the caller gets the reply; the loop goes on with the state</td></tr>
 *   <tr><td>{@link #noReply(Object)}</td><td>all</td><td>no reply now (handleCall: reply later with {@link GenServer#reply}); the loop goes on</td></tr>
 *   <tr><td>{@link #stop(ExitReason, Object)}</td><td>all</td><td>terminate is called, then the process exits with the reason; a caller waiting for a reply gets an {@link ExitException} with it</td></tr>
 *   <tr><td>{@link #stopReply(ExitReason, Object, Object)}</td><td>handleCall</td><td>terminate is called, the caller gets the reply, the process exits</td></tr>
 * </table>
 * Each form takes a {@link Next}: a timeout, a continue or hibernate.
 */
public sealed interface Result<S> {
    S state();

    record Reply<S>(Object reply, S state, Next next) implements Result<S> {
        public Reply {
            Objects.requireNonNull(next);
        }
    }

    record NoReply<S>(S state, Next next) implements Result<S> {
        public NoReply {
            Objects.requireNonNull(next);
        }
    }

    /** {@code hasReply} distinguishes {@link #stopReply} (even with a null reply) from {@link #stop}. */
    record Stop<S>(ExitReason reason, S state, boolean hasReply, Object reply) implements Result<S> {
        public Stop {
            Objects.requireNonNull(reason);
        }
    }

    static <S> Result<S> reply(Object reply, S state) { return new Reply<>(reply, state, Next.NONE); }
    static <S> Result<S> reply(Object reply, S state, Next next) { return new Reply<>(reply, state, next); }
    static <S> Result<S> noReply(S state) { return new NoReply<>(state, Next.NONE); }
    static <S> Result<S> noReply(S state, Next next) { return new NoReply<>(state, next); }
    static <S> Result<S> stop(ExitReason reason, S state) { return new Stop<>(reason, state, false, null); }
    static <S> Result<S> stopReply(ExitReason reason, Object reply, S state) { return new Stop<>(reason, state, true, reply); }
}
