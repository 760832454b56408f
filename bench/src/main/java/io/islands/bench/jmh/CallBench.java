package io.islands.bench.jmh;

import io.islands.bench.EchoServer;
import io.islands.runtime.ExitReason;
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
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * GenServer.call round trip to an echo server: each benchmark thread has its own server (as
 * the OTP side's {@code call} scenario). SampleTime gives p50/p99; Throughput gives calls/s.
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class CallBench {
    Pid server;

    @Setup(Level.Trial)
    public void start() {
        server = GenServer.start(new EchoServer()).pid();
    }

    @TearDown(Level.Trial)
    public void stop() {
        Proc.exit(server, ExitReason.kill());
    }

    @Benchmark
    public Object call() {
        return GenServer.call(server, "ping");
    }
}
