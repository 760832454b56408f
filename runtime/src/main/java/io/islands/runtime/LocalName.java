package io.islands.runtime;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A node-wide registered name; see {@link Name#local}. */
record LocalName(String name) implements Name {
    private static final ConcurrentHashMap<String, Pid> NAMES = new ConcurrentHashMap<>();

    @Override
    public Optional<Pid> register() {
        ProcessCell self = Proc.cell();
        Pid prev = NAMES.putIfAbsent(name, self.pid);
        if (prev != null) {
            return Optional.of(prev);
        }
        if (!self.addExitHook((pid, reason) -> NAMES.remove(name, pid))) {
            NAMES.remove(name, self.pid);
            throw new ProcessCell.Unwind(ExitReason.NOPROC);
        }
        if (self.label == null) {
            self.label = name;
        }
        return Optional.empty();
    }

    @Override
    public Optional<Pid> whereis() {
        return Optional.ofNullable(NAMES.get(name));
    }

    @Override
    public String toString() {
        return name;
    }
}
