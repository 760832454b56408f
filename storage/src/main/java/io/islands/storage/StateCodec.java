package io.islands.storage;

/**
 * Turns a process's state into JSON text and back, for the stores that keep JSON. Supplied by
 * the caller (the engine has its versioned game JSON); the stores never look inside.
 *
 * <p>{@link #decode} must throw when the text is not a state it accepts (bad JSON, wrong
 * shape, unknown schema version): the store then reports {@link
 * io.islands.runtime.checkpoint.UnreadableStateException} for that key, naming the reason.
 */
public interface StateCodec<S> {

    /** @return the state as one JSON document */
    String encode(S state);

    /** @return the state the JSON text holds; never null */
    S decode(String json) throws Exception;

    /** The identity codec: states are JSON text, stored and returned as they are (inspection tools). */
    static StateCodec<String> rawJson() {
        return RawJsonCodec.INSTANCE;
    }
}
