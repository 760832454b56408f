package io.islands.runtime.supervisor;

import io.islands.runtime.ExitReason;
import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import io.islands.runtime.StartResult;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;

/**
 * A test child that traps exits and ignores them (it only records every message in a queue):
 * only a kill ends it, or the message "release", after which it exits with shutdown.
 */
final class Stubborn {
    private Stubborn() {}

    static ChildStart start(BlockingQueue<Object> seen) {
        return () -> {
            CompletableFuture<Void> trapping = new CompletableFuture<>();
            Pid pid = Proc.spawnLink(() -> {
                Proc.trapExit(true);
                trapping.complete(null);
                for (;;) {
                    Object m = Proc.receive();
                    seen.add(m);
                    if ("release".equals(m)) {
                        throw Proc.exit(ExitReason.shutdown());
                    }
                }
            });
            trapping.join();
            return new StartResult.Ok(pid);
        };
    }
}
