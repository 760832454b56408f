package io.islands.runtime.supervisor;

/**
 * The outcome of {@code terminateChild} and {@code deleteChild}: OTP's {@code ok | {error, E}}.
 * Pattern-match it, or test {@link #isOk()}.
 */
public sealed interface ChildResult {
    /** Done. */
    record Ok() implements ChildResult {
        @Override public String toString() { return "ok"; }
    }

    /** Not done, for the reason {@code error}. */
    record Error(SupervisorError error) implements ChildResult {
        @Override public String toString() { return "{error, " + error + "}"; }
    }

    ChildResult OK = new Ok();

    static ChildResult error(SupervisorError error) {
        return new Error(error);
    }

    default boolean isOk() {
        return this instanceof Ok;
    }
}
