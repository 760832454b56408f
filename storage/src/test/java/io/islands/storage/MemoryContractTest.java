package io.islands.storage;

/** The contract on {@code memory:}, the reference the other stores must match. */
class MemoryContractTest extends StateStoreContract {
    @Override
    String freshUrl() {
        return "memory:";
    }

    @Override
    boolean durable() {
        return false;
    }

    @Override
    void corrupt(String key, long revision, String text) {
        throw new UnsupportedOperationException();
    }
}
