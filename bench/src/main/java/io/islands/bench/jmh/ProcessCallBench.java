package io.islands.bench.jmh;

import io.islands.bench.EchoServer;
import io.islands.runtime.ExitReason;
import io.islands.runtime.From;
import io.islands.runtime.GenServer;
import io.islands.runtime.InitResult;
import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import io.islands.runtime.Result;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * GenServer.call round trip from a process to a process, as Erlang measures
 * {@code gen_server:call}: a driver process makes {@value #CALLS} calls to an echo server per
 * invocation; the score is per call. (CallBench measures a caller on a platform thread.)
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class ProcessCallBench {
    static final int CALLS = 1000;

    static final class Driver implements GenServer<Pid> {
        @Override
        public InitResult<Pid> init() {
            return InitResult.ok(GenServer.startLink(new EchoServer()).pid());
        }

        @Override
        public Result<Pid> handleCall(Object request, From from, Pid echo) {
            int n = (Integer) request;
            for (int i = 0; i < n; i++) {
                GenServer.call(echo, "ping");
            }
            return Result.reply(n, echo);
        }
    }

    Pid driver;

    @Setup(Level.Trial)
    public void start() {
        driver = GenServer.start(new Driver()).pid();
    }

    @TearDown(Level.Trial)
    public void stop() {
        Proc.exit(driver, ExitReason.kill());
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public Object processToProcessCall() {
        return GenServer.call(driver, CALLS, java.time.Duration.ofMinutes(1));
    }
}
