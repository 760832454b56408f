package io.islands.bench;

import io.islands.runtime.From;
import io.islands.runtime.GenServer;
import io.islands.runtime.InitResult;
import io.islands.runtime.Result;

/**
 * The trivial server of the call benchmarks and the fairness scenario: replies to every call
 * with the request itself and keeps no state. Stateless, so one instance may serve many
 * processes.
 */
public final class EchoServer implements GenServer<Integer> {
    @Override
    public InitResult<Integer> init() {
        return InitResult.ok(0);
    }

    @Override
    public Result<Integer> handleCall(Object request, From from, Integer state) {
        return Result.reply(request, state);
    }
}
