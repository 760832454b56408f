package io.islands.runtime.checkpoint;

import java.util.Objects;

/**
 * The value of the {@link io.islands.runtime.ExitReason.Other} reason a {@link CheckpointServer}
 * stops its start with when its store cannot be read: match it by type
 * ({@code reason instanceof ExitReason.Other o && o.value() instanceof StoreUnavailable}).
 * Nothing was started or written. Immutable.
 *
 * @param detail the store's error message, for logs and operators
 */
public record StoreUnavailable(String detail) {
    public StoreUnavailable {
        Objects.requireNonNull(detail, "detail");
    }

    /** @return {@code store_unavailable: <detail>}, as crash reports show it */
    @Override
    public String toString() {
        return "store_unavailable: " + detail;
    }
}
