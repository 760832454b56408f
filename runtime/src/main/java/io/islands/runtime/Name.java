package io.islands.runtime;

import java.util.Objects;
import java.util.Optional;

/**
 * A name a process can be registered and addressed under: a local name ({@link #local}) or a
 * key in a {@link Registry} ({@link Registry#via}). Names are released when their process
 * exits, before its links and monitors are told.
 */
public interface Name {

    /**
     * Registers the calling process under this name. Inside a process.
     *
     * @return empty when the caller now holds the name; otherwise the pid that holds it
     */
    Optional<Pid> register();

    /** @return the process registered under this name now, if any */
    Optional<Pid> whereis();

    /** @return a node-wide name, like Erlang's {@code register/2} */
    static Name local(String name) {
        return new LocalName(Objects.requireNonNull(name, "name"));
    }
}
