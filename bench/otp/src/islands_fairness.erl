-module(islands_fairness).
%% Scenario fairness (issue 13), the OTP side of io.islands.bench.harness.FairnessScenario:
%% is work beside busy processes still served on time? For each number of busy pairs P
%% (0, 1, 4 x schedulers, 16 x schedulers; `pairs=N` for one), P pairs of processes play
%% ping-pong in a closed loop (one sends its pid, the other replies, until killed) while,
%% for the window (`duration_ms`, 5 s; quick 1 s, after an untimed warm-up of a third of
%% it, at most 3 s):
%%   - a process sleeps on `receive after 5` in a loop: timer lateness = time from entering
%%     the receive until it returned, minus 5 ms;
%%   - an outside caller every 5 ms spawns a process (spawn-to-run: from the spawn call until
%%     the new process's body first runs) and calls an echo gen_server with a 1 s timeout
%%     (outside call; a timeout counts with its waited time and in `timeouts`).
%% The caller differs from the Java side's: there it is a platform thread (work from outside
%% the process world, as a Jetty thread); an Erlang VM has no such thread, so here it is a
%% process like the others, paced by `receive after` (ms granularity: the period is 5-6 ms).
%% Four lines per P, told apart by `measure`: pingpong (round trips/s), timer, call, spawn.
-export([run/1]).

-define(PERIOD_MS, 5).
-define(CALL_TIMEOUT_MS, 1000).
-define(GRACE_MS, 5000).
%% counters
-define(C_TRIPS, 1).
-define(C_TIMER, 2).
-define(C_CALLS, 3).
-define(C_TIMEOUTS, 4).
-define(C_SPAWNS, 5).
-define(C_RAN, 6).

run(O) ->
    Cores = erlang:system_info(schedulers_online),
    Dur = islands_bench:opt(duration_ms, O, 5000, 1000),
    Pairs = case maps:find(pairs, O) of
                {ok, P} -> [P];
                error -> [0, 1, 4 * Cores, 16 * Cores]
            end,
    [measure(P, Dur, Cores) || P <- Pairs],
    ok.

measure(P, Dur, Cores) ->
    islands_bench:progress("fairness: ~b busy pairs", [P]),
    Base = erlang:system_info(process_count),
    {ok, Server} = gen_server:start(islands_bench_echo, [], []),
    Warm = min(3000, Dur div 3),
    T0 = now_ns() + ms_ns(Warm),
    Deadline = T0 + ms_ns(Dur),
    TimerH = islands_bench:hist_new(),
    CallH = islands_bench:hist_new(),
    SpawnH = islands_bench:hist_new(),
    C = counters:new(6, [write_concurrency]),
    Self = self(),
    Timer = spawn(fun() -> timer_loop(T0, Deadline, TimerH, C), Self ! {done, self()} end),
    PairPids = lists:append([start_pair(C) || _ <- lists:seq(1, P)]),
    Outside = spawn(fun() -> outside_loop(Server, T0, Deadline, CallH, SpawnH, C),
                             Self ! {done, self()} end),
    sleep_until(T0),
    Trips0 = counters:get(C, ?C_TRIPS),
    sleep_until(Deadline),
    Trips = counters:get(C, ?C_TRIPS) - Trips0,
    Secs = (now_ns() - T0) / 1.0e9,
    [exit(Pid, kill) || Pid <- PairPids],
    OutsideStuck = not await_done(Outside, ?CALL_TIMEOUT_MS + ?GRACE_MS),
    TimerStuck = not await_done(Timer, ?GRACE_MS),
    NotRun = await_spawns(C, now_ns() + ms_ns(?GRACE_MS)),
    ok = gen_server:stop(Server),
    Left = await_count(Base, now_ns() + ms_ns(?GRACE_MS)),
    Common = [{n, P}, {pairs, P}, {cores, Cores}, {period_ms, ?PERIOD_MS}, {duration_ms, Dur},
              {warm_up_ms, Warm}, {outside, <<"process (gen_server:call from a process)">>},
              {processes_left, Left}],
    islands_bench:emit(fairness, Trips / Secs, null, null, null,
                       [{measure, pingpong}, {round_trips, Trips} | Common]),
    line(timer, TimerH, counters:get(C, ?C_TIMER),
         [{samples_expected, Dur div ?PERIOD_MS}, {stuck, bool(TimerStuck)} | Common]),
    line(call, CallH, counters:get(C, ?C_CALLS),
         [{timeouts, counters:get(C, ?C_TIMEOUTS)}, {call_timeout_ms, ?CALL_TIMEOUT_MS},
          {outside_stuck, OutsideStuck} | Common]),
    line(spawn, SpawnH, counters:get(C, ?C_SPAWNS), [{not_run, NotRun} | Common]).

line(Measure, H, Samples, Params) ->
    Max = case islands_bench:hist_us(H, 1.0) of
              null -> [];
              Us -> [{max_ms, round(Us / 10) / 100}]
          end,
    islands_bench:emit(fairness, null, islands_bench:hist_us(H, 0.50), islands_bench:hist_us(H, 0.99),
                       null, [{measure, Measure}, {samples, Samples}] ++ Max ++ Params
                             ++ islands_bench:dist(H)).

bool(true) -> 1;
bool(false) -> 0.

start_pair(C) ->
    Ponger = spawn(fun ponger/0),
    Pinger = spawn(fun() -> pinger(Ponger, C) end),
    [Ponger, Pinger].

ponger() ->
    receive From -> From ! pong end,
    ponger().

pinger(Ponger, C) ->
    Ponger ! self(),
    receive pong -> ok end,
    counters:add(C, ?C_TRIPS, 1),
    pinger(Ponger, C).

%% Sleeps of 5 ms until Deadline; each one that ends at or after T0 is a sample.
timer_loop(T0, Deadline, H, C) ->
    case now_ns() < Deadline of
        false -> ok;
        true ->
            S = now_ns(),
            receive after ?PERIOD_MS -> ok end,
            W = now_ns(),
            case W >= T0 of
                true ->
                    islands_bench:hist_add(H, max(0, W - S - ms_ns(?PERIOD_MS))),
                    counters:add(C, ?C_TIMER, 1);
                false -> ok
            end,
            timer_loop(T0, Deadline, H, C)
    end.

%% Every 5 ms from Next until Deadline: a spawn, then a call. A late call is not made up for.
outside_loop(_Server, Next, Deadline, _CallH, _SpawnH, _C) when Next >= Deadline -> ok;
outside_loop(Server, Next, Deadline, CallH, SpawnH, C) ->
    Now = now_ns(),
    case Now < Next of
        true ->
            receive after (Next - Now + 999999) div 1000000 -> ok end,
            outside_loop(Server, Next, Deadline, CallH, SpawnH, C);
        false ->
            counters:add(C, ?C_SPAWNS, 1),
            S = now_ns(),
            spawn(fun() -> islands_bench:hist_add(SpawnH, now_ns() - S), counters:add(C, ?C_RAN, 1) end),
            T = now_ns(),
            try gen_server:call(Server, ping, ?CALL_TIMEOUT_MS) of
                ping -> ok
            catch
                exit:{timeout, _} -> counters:add(C, ?C_TIMEOUTS, 1)
            end,
            islands_bench:hist_add(CallH, now_ns() - T),
            counters:add(C, ?C_CALLS, 1),
            outside_loop(Server, max(Next + ms_ns(?PERIOD_MS), now_ns()), Deadline, CallH, SpawnH, C)
    end.

await_done(Pid, Ms) ->
    receive {done, Pid} -> true
    after Ms -> exit(Pid, kill), false
    end.

%% Returns how many spawned bodies had not run by Until.
await_spawns(C, Until) ->
    Left = counters:get(C, ?C_SPAWNS) - counters:get(C, ?C_RAN),
    case Left =< 0 orelse now_ns() >= Until of
        true -> max(0, Left);
        false -> timer:sleep(5), await_spawns(C, Until)
    end.

await_count(Base, Until) ->
    Left = erlang:system_info(process_count) - Base,
    case Left =< 0 orelse now_ns() >= Until of
        true -> max(0, Left);
        false -> timer:sleep(10), await_count(Base, Until)
    end.

sleep_until(T) ->
    case T - now_ns() of
        Ns when Ns > 0 -> timer:sleep((Ns + 999999) div 1000000);
        _ -> ok
    end.

now_ns() -> erlang:monotonic_time(nanosecond).
ms_ns(Ms) -> Ms * 1000000.
