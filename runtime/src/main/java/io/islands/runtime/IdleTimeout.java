package io.islands.runtime;

/** The message {@link GenServer#handleInfo} receives when a {@link Next.Timeout} expires. */
public enum IdleTimeout {
    INSTANCE
}
