package com.example.counter;

import io.islands.runtime.ExitException;
import io.islands.runtime.From;
import io.islands.runtime.GenServer;
import io.islands.runtime.Name;
import io.islands.runtime.Result;
import io.islands.runtime.checkpoint.CheckpointServer;
import io.islands.runtime.checkpoint.Checkpointed;
import io.islands.runtime.checkpoint.MemoryStateStore;
import io.islands.runtime.checkpoint.RecoveryLedger;
import io.islands.runtime.supervisor.Application;
import io.islands.runtime.supervisor.ChildSpec;
import io.islands.runtime.supervisor.SupervisorFlags;
import java.util.List;

/** A counter that survives its crashes: supervised, called by name, its state checkpointed. */
public final class CounterService implements Checkpointed<Long> {
    public static final Name NAME = Name.local("counter");
    public record Add(long n) {}
    public record Crash() {}

    @Override
    public Long fresh(String key) { return 0L; }

    @Override
    public Result<Long> handleCall(Object request, From from, Long count) {
        return switch (request) {
            case Add add -> Result.reply(count + add.n(), count + add.n());
            case Crash crash -> throw new IllegalStateException("crash requested at " + count);
            default -> Result.reply("unknown request", count);
        };
    }

    /** Starts the counter under a supervisor that restarts it, stopped in order at JVM exit. */
    public static Application start(MemoryStateStore<Long> store) {
        ChildSpec counter = ChildSpec.worker("counter", () -> GenServer.startLink(
                new CheckpointServer<>("counter", new CounterService(), store, new RecoveryLedger(3), null),
                GenServer.StartOptions.named(NAME)));
        return Application.start("counter-app", SupervisorFlags.oneForOne(), List.of(counter));
    }

    public static void main(String[] args) {
        Application app = start(new MemoryStateStore<>(2));
        System.out.println("count " + GenServer.call(NAME, new Add(2)));
        var first = NAME.whereis().orElseThrow();
        try {
            GenServer.call(NAME, new Crash());
        } catch (ExitException e) {
            System.out.println("crashed: " + e.reason());
        }
        long end = System.nanoTime() + 5_000_000_000L; // the supervisor restarts it in microseconds
        while (NAME.whereis().filter(p -> !p.equals(first)).isEmpty() && System.nanoTime() < end) {
            Thread.onSpinWait();
        }
        System.out.println("count " + GenServer.call(NAME, new Add(3)) + " after the restart");
        app.stop();
    }
}
