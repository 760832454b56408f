package io.islands.runtime.supervisor;

import io.islands.runtime.ExitReason;
import io.islands.runtime.GenServer;
import io.islands.runtime.InitResult;
import io.islands.runtime.Proc;
import io.islands.runtime.Result;
import java.util.List;

/**
 * A test child: a GenServer that logs "start ID" and, when it traps exits (so that a shutdown
 * runs its terminate), "stop ID" into a shared list. Casting it an {@link ExitReason} makes it
 * exit with that reason.
 */
class Worker implements GenServer<String> {
    private final String id;
    private final List<String> log;
    private final boolean trap;

    Worker(String id, List<String> log, boolean trap) {
        this.id = id;
        this.log = log;
        this.trap = trap;
    }

    /** @return a start function for a logging worker that traps exits */
    static ChildStart start(String id, List<String> log) {
        return () -> GenServer.startLink(new Worker(id, log, true));
    }

    /** @return a permanent worker spec that logs into {@code log} */
    static ChildSpec spec(String id, List<String> log) {
        return ChildSpec.worker(id, start(id, log));
    }

    /** @return a permanent worker spec that neither logs nor traps exits */
    static ChildSpec plain(Object id) {
        return ChildSpec.worker(id, () -> GenServer.startLink(new Worker(String.valueOf(id), null, false)));
    }

    @Override
    public InitResult<String> init() {
        if (trap) {
            Proc.trapExit(true);
        }
        if (log != null) {
            log.add("start " + id);
        }
        return InitResult.ok(id);
    }

    @Override
    public Result<String> handleCall(Object request, io.islands.runtime.From from, String state) {
        return Result.reply("pong " + id, state);
    }

    @Override
    public Result<String> handleCast(Object request, String state) {
        return Result.stop((ExitReason) request, state);
    }

    @Override
    public void terminate(ExitReason reason, String state) {
        if (log != null) {
            log.add("stop " + id);
        }
    }
}
