package io.islands.runtime;

import java.util.Objects;

/**
 * What {@link GenServer#init()} returns.
 *
 * <table>
 *   <caption>init results</caption>
 *   <tr><th>result</th><th>the starter gets</th><th>the process</th></tr>
 *   <tr><td>{@link #ok(Object)}, {@link #ok(Object, Next)}</td><td>{@link StartResult.Ok}</td><td>enters its loop</td></tr>
 *   <tr><td>{@link #ignore()}</td><td>{@link StartResult.Ignore}</td><td>exits normal, unlinked first</td></tr>
 *   <tr><td>{@link #stop(ExitReason)}</td><td>{@link StartResult.Error}</td><td>exits with the reason, unlinked first</td></tr>
 *   <tr><td>init throws</td><td>{@link StartResult.Error} with {@link ExitReason.Crash}</td><td>exits with it, unlinked first</td></tr>
 * </table>
 * Unlinking first (as OTP 26's {@code proc_lib:init_fail}) spares a linked starter that does
 * not trap exits: it reads the error from the result instead of dying of it.
 */
public sealed interface InitResult<S> {
    record Ok<S>(S state, Next next) implements InitResult<S> {
        public Ok {
            Objects.requireNonNull(next);
        }
    }

    record Ignore<S>() implements InitResult<S> {}

    record Stop<S>(ExitReason reason) implements InitResult<S> {
        public Stop {
            Objects.requireNonNull(reason);
        }
    }

    static <S> InitResult<S> ok(S state) { return new Ok<>(state, Next.NONE); }
    static <S> InitResult<S> ok(S state, Next next) { return new Ok<>(state, next); }
    static <S> InitResult<S> ignore() { return new Ignore<>(); }
    static <S> InitResult<S> stop(ExitReason reason) { return new Stop<>(reason); }
}
