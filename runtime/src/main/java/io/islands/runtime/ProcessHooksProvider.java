package io.islands.runtime;

import io.islands.runtime.internal.ExitHook;
import io.islands.runtime.internal.ProcessHooks;
import java.util.Optional;

/** The runtime core's side of {@link ProcessHooks}: installed by {@link Pid}'s class initializer. */
final class ProcessHooksProvider implements ProcessHooks.Provider {
    @Override
    public boolean addExitHook(Pid pid, ExitHook hook) {
        return pid.cell != null && pid.cell.addExitHook(hook);
    }

    @Override
    public void removeExitHook(Pid pid, ExitHook hook) {
        if (pid.cell != null) {
            pid.cell.removeExitHook(hook);
        }
    }

    @Override
    public Optional<Object> currentMessage(Pid pid) {
        return pid.cell == null ? Optional.empty() : Optional.ofNullable(pid.cell.current);
    }

    @Override
    public Pid parent(Pid pid) {
        return pid.cell == null ? Pid.EXTERNAL : pid.cell.parent;
    }

    @Override
    public boolean isWaiting(Pid pid) {
        return pid.cell != null && pid.cell.isAlive() && pid.cell.isParked();
    }
}
