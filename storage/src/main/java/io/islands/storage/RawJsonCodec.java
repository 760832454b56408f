package io.islands.storage;

/** The identity codec behind {@link StateCodec#rawJson()}. */
enum RawJsonCodec implements StateCodec<String> {
    INSTANCE;

    @Override
    public String encode(String state) {
        return state;
    }

    @Override
    public String decode(String json) {
        return json;
    }
}
