package io.islands.runtime.checkpoint;

import io.islands.runtime.From;
import io.islands.runtime.Result;

/**
 * The callbacks of a server whose state is checkpointed by {@link CheckpointServer}: like a
 * GenServer's, over the plain state {@code S}; saving, restoring and falling back are done for
 * it. Return the same state object when nothing changed (an error reply): no write is made.
 */
public interface Checkpointed<S> {

    /** @return the state of a process that has nothing saved under {@code key} */
    S fresh(String key);

    /**
     * Checks (and may upgrade) a saved state before it is used. Throw to reject it as poisoned:
     * the server then falls back to the previous version, or quarantines the key.
     *
     * @return the state to run with
     */
    default S restore(String key, S saved) throws Exception {
        return saved;
    }

    Result<S> handleCall(Object request, From from, S state) throws Exception;

    default Result<S> handleCast(Object request, S state) throws Exception {
        throw new IllegalStateException("unexpected cast " + request);
    }

    default Result<S> handleInfo(Object message, S state) throws Exception {
        return Result.noReply(state);
    }
}
