-module(islands_bench).
%% Benchmark scenarios for the OTP side of the Islands comparison.
%%
%%   erl -noshell +P 4194304 -pa ebin -s islands_bench main -extra SCENARIO [key=value ...]
%%
%% (bench/otp/run wraps this). Each measurement prints one JSON object per line on
%% stdout; progress goes to stderr. Every scenario accepts quick=true.
%% See README.md for what each scenario measures.
-include("islands.hrl").

-export([main/0]).
%% spawned
-export([nothing/0]).
%% shared with the scenario modules (islands_fairness)
-export([opt/4, emit/6, progress/2, hist_new/0, hist_add/2, hist_us/2, dist/1]).

-define(HSIZE, 4096).

%% Op counters shared by the game drivers.
-define(C_ADD, 1).
-define(C_POS, 2).
-define(C_SET, 3).
-define(C_GUESS, 4).
-define(C_ERR, 5).
-define(C_NCOUNT, 5).

%%% Entry point

main() ->
    Args = init:get_plain_arguments(),
    try
        setup_logger(),
        {Scenario, Opts} = parse_args(Args),
        cpu_mark(),
        run(Scenario, Opts),
        _ = logger_std_h:filesync(default),
        halt(0)
    catch
        Class:Reason:Stack ->
            io:format(standard_error, "FAILED: ~p:~p~n~p~n", [Class, Reason, Stack]),
            halt(1)
    end.

parse_args([]) ->
    usage();
parse_args([Scenario | KVs]) ->
    Opts = maps:from_list([parse_kv(KV) || KV <- KVs]),
    {Scenario, Opts}.

parse_kv(KV) ->
    case string:split(KV, "=") of
        [K, V] -> {list_to_atom(K), parse_value(V)};
        _ -> usage()
    end.

parse_value("true") -> true;
parse_value("false") -> false;
parse_value(V) ->
    Clean = [C || C <- V, C =/= $_],
    case string:to_integer(Clean) of
        {I, []} -> I;
        _ ->
            case string:to_float(Clean) of
                {F, []} -> F;
                _ -> list_to_binary(V)
            end
    end.

usage() ->
    io:format(standard_error,
              "usage: run SCENARIO [key=value ...]~n"
              "scenarios: selftest call spawn idle_memory ets moves recovery density "
              "durable supervisor_stop fairness~n", []),
    halt(2).

run("selftest", O) -> selftest(O);
run("call", O) -> call(O);
run("spawn", O) -> spawn_bench(O);
run("idle_memory", O) -> idle_memory(O);
run("ets", O) -> ets_bench(O);
run("moves", O) -> moves(O);
run("recovery", O) -> recovery(O);
run("density", O) -> density(O);
run("durable", O) -> durable(O);
run("supervisor_stop", O) -> supervisor_stop(O);
run("fairness", O) -> islands_fairness:run(O);
run(_, _) -> usage().

%% Supervisor reports (e.g. a killed game) go to a file, keeping stdout for JSON.
setup_logger() ->
    ok = filelib:ensure_dir("tmp/x"),
    _ = logger:remove_handler(default),
    ok = logger:add_handler(default, logger_std_h,
                            #{config => #{file => "tmp/bench.log"},
                              formatter => {logger_formatter, #{single_line => true}}}).

%%% Options

quick(O) -> maps:get(quick, O, false) =:= true.

%% opt(Key, Opts, FullDefault, QuickDefault)
opt(K, O, Full, Quick) ->
    case maps:find(K, O) of
        {ok, V} -> V;
        error -> case quick(O) of true -> Quick; false -> Full end
    end.

%%% Scenario: selftest

selftest(_O) ->
    start_app([]),
    G = islands_game:via_tuple(<<"moon">>),
    {ok, Pid} = islands_game_sup:start_game(<<"moon">>),
    {error, {already_started, Pid}} = islands_game_sup:start_game(<<"moon">>),
    error = islands_game:position_island(G, player1, dot, 1, 1),  % player 2 not added yet
    ok = islands_game:add_player(G, <<"diva">>),
    error = islands_game:add_player(G, <<"again">>),
    {error, invalid_island_type} = islands_game:position_island(G, player1, wrong, 1, 1),
    {error, invalid_coordinate} = islands_game:position_island(G, player1, dot, 11, 1),
    {error, invalid_coordinate} = islands_game:position_island(G, player1, square, 10, 1),
    {error, not_all_islands_positioned} = islands_game:set_islands(G, player1),
    Demo = [{atoll, 1, 1}, {dot, 1, 5}, {l_shape, 1, 7}, {s_shape, 5, 1}, {square, 5, 5}],
    [ok = islands_game:position_island(G, P, T, R, C) || P <- [player1, player2],
                                                         {T, R, C} <- Demo],
    {error, overlapping_island} = islands_game:position_island(G, player1, dot, 1, 1),
    ok = islands_game:position_island(G, player1, dot, 1, 5),       % re-position: replaces
    error = islands_game:guess_coordinate(G, player1, 1, 1),        % islands not set
    {ok, Board} = islands_game:set_islands(G, player1),
    [atoll, dot, l_shape, s_shape, square] = lists:sort(maps:keys(Board)),
    error = islands_game:position_island(G, player1, dot, 1, 5),    % player1 already set
    {ok, _} = islands_game:set_islands(G, player2),
    error = islands_game:guess_coordinate(G, player2, 1, 1),        % player1 moves first
    {error, invalid_coordinate} = islands_game:guess_coordinate(G, player1, 0, 1),
    Land = lists:append([cells(T, R, C) || {T, R, C} <- Demo]),
    18 = length(Land),
    %% Crash recovery in the middle of the game.
    {miss, none, no_win} = islands_game:guess_coordinate(G, player1, 10, 10),
    Before = islands_game:get_state(G),
    exit(whereis_game(<<"moon">>), kill),
    Before = poll_state(G, 0),
    true = whereis_game(<<"moon">>) =/= Pid,
    {miss, none, no_win} = islands_game:guess_coordinate(G, player2, 10, 10),
    Results = play_to_win(G, Land, 1),
    {hit, square, win} = lists:last(Results),
    {hit, dot, no_win} = lists:keyfind(dot, 2, Results),
    error = islands_game:guess_coordinate(G, player2, 10, 10),      % game over
    #{rules := #rules{state = game_over}} = islands_game:get_state(G),
    [{_, #{rules := #rules{state = game_over}}}] = ets:lookup(game_state, <<"moon">>),
    ok = islands_game_sup:stop_game(<<"moon">>),
    [] = ets:lookup(game_state, <<"moon">>),
    {error, simple_one_for_one} = islands_game_sup:stop_game(<<"moon">>),
    {'EXIT', {noproc, _}} = (catch islands_game:get_state(G)),
    %% Idle timeout: stop {shutdown, timeout}, saved state deleted, no restart.
    {ok, Sun} = islands_game_sup:start_game(<<"sun">>),
    ok = islands_game:add_player(islands_game:via_tuple(<<"sun">>), <<"moon">>),
    SunRef = monitor(process, Sun),
    Sun ! timeout,
    receive {'DOWN', SunRef, process, Sun, {shutdown, timeout}} -> ok
    after 1000 -> error(no_idle_stop)
    end,
    [] = ets:lookup(game_state, <<"sun">>),
    timer:sleep(50),
    [] = supervisor:which_children(islands_game_sup),
    %% A stray message crashes the game (no catch-all handle_info); it comes back
    %% with its state.
    {ok, Star} = islands_game_sup:start_game(<<"star">>),
    StarGame = islands_game:via_tuple(<<"star">>),
    ok = islands_game:add_player(StarGame, <<"moon">>),
    StarState = islands_game:get_state(StarGame),
    Star ! stray,
    StarState = poll_state(StarGame, 0),
    true = islands_registry:whereis_name(<<"star">>) =/= Star,
    io:format("ok~n").

%% Player 1 guesses every land cell of player 2; player 2 answers with misses.
play_to_win(G, [C | Rest], N) ->
    {R, Col} = C,
    Result = islands_game:guess_coordinate(G, player1, R, Col),
    case Rest of
        [] -> [Result];
        _ ->
            {miss, none, no_win} = islands_game:guess_coordinate(G, player2, 10, 1 + N rem 10),
            [Result | play_to_win(G, Rest, N + 1)]
    end.

cells(Type, R, C) ->
    {ok, Island} = islands_island:new(Type, {R, C}),
    islands_island:coordinates(Island).

whereis_game(Name) -> islands_registry:whereis_name(Name).

%% Call until a (restarted) game answers; returns its state.
poll_state(G, Polls) ->
    try islands_game:get_state(G)
    catch exit:_ -> erlang:yield(), poll_state(G, Polls + 1)
    end.

%%% Scenario: call

call(O) ->
    Dur = opt(duration_ms, O, 4000, 1000),
    Warm = opt(warmup_ms, O, 500, 200),
    Callers = case maps:find(callers, O) of
                  {ok, C} -> [C];
                  error -> [1, 2]
              end,
    [call_run(C, Dur, Warm) || C <- Callers],
    ok.

call_run(NCallers, Dur, Warm) ->
    H = hist_new(),
    Servers = [begin {ok, S} = gen_server:start(islands_bench_echo, [], []), S end
               || _ <- lists:seq(1, NCallers)],
    Work = fun(S) ->
                   fun() ->
                           call_loop(S, none, now_ns() + ms_ns(Warm), 0),
                           T0 = now_ns(),
                           N = call_loop(S, H, T0 + ms_ns(Dur), 0),
                           {N, now_ns() - T0}
                   end
           end,
    Results = parallel([Work(S) || S <- Servers]),
    [gen_server:stop(S) || S <- Servers],
    Rate = lists:sum([N / ns_s(E) || {N, E} <- Results]),
    emit(call, Rate, hist_us(H, 0.50), hist_us(H, 0.99), null,
         [{callers, NCallers}, {servers, NCallers},
          {pairing, <<"caller i -> its own echo server i">>},
          {request, <<"gen_server:call(Server, ping), default 5 s timeout, reply = request">>},
          {duration_ms, Dur}, {warmup_ms, Warm}, {calls, lists:sum([N || {N, _} <- Results])}
          | dist(H)]).

call_loop(S, H, Deadline, N) ->
    T0 = now_ns(),
    ping = gen_server:call(S, ping),
    T1 = now_ns(),
    hist_add(H, T1 - T0),
    case T1 >= Deadline of
        true -> N + 1;
        false -> call_loop(S, H, Deadline, N + 1)
    end.

%%% Scenario: spawn

spawn_bench(O) ->
    Dur = opt(duration_ms, O, 3000, 700),
    Warm = opt(warmup_ms, O, 300, 100),
    [spawn_run(Mode, Spawners, Dur, Warm)
     || {Mode, Spawners} <- [{spawn_wait, 1}, {spawn_wait, 2}, {gen_server, 1}]],
    ok.

spawn_run(Mode, Spawners, Dur, Warm) ->
    H = hist_new(),
    Work = fun() ->
                   spawn_loop(Mode, none, now_ns() + ms_ns(Warm), 0),
                   T0 = now_ns(),
                   N = spawn_loop(Mode, H, T0 + ms_ns(Dur), 0),
                   {N, now_ns() - T0}
           end,
    Results = parallel(lists:duplicate(Spawners, Work)),
    Rate = lists:sum([N / ns_s(E) || {N, E} <- Results]),
    What = case Mode of
               spawn_wait -> <<"spawn_monitor(fun() -> ok end), then wait for its 'DOWN'">>;
               gen_server -> <<"gen_server:start(echo) (init acked), then gen_server:stop/1">>
           end,
    emit(spawn, Rate, hist_us(H, 0.50), hist_us(H, 0.99), null,
         [{mode, Mode}, {spawners, Spawners}, {cycle, What}, {duration_ms, Dur} | dist(H)]).

spawn_loop(Mode, H, Deadline, N) ->
    T0 = now_ns(),
    spawn_one(Mode),
    T1 = now_ns(),
    hist_add(H, T1 - T0),
    case T1 >= Deadline of
        true -> N + 1;
        false -> spawn_loop(Mode, H, Deadline, N + 1)
    end.

spawn_one(spawn_wait) ->
    {_, Ref} = spawn_monitor(fun ?MODULE:nothing/0),
    receive {'DOWN', Ref, process, _, _} -> ok end;
spawn_one(gen_server) ->
    {ok, P} = gen_server:start(islands_bench_echo, [], []),
    ok = gen_server:stop(P).

nothing() -> ok.

%%% Scenario: idle_memory

idle_memory(O) ->
    N = opt(n, O, 1000000, 20000),
    Starters = 2,
    progress("idle_memory: starting ~b idle gen_servers", [N]),
    erlang:garbage_collect(),
    M0 = erlang:memory(),
    Rss0 = rss(),
    T0 = now_ns(),
    Sizes = split(N, Starters),
    Pids = parallel([fun() -> start_echo(K, undefined) end || K <- Sizes]),
    Secs = ns_s(now_ns() - T0),
    erlang:garbage_collect(),
    timer:sleep(200),
    M1 = erlang:memory(),
    Rss1 = rss(),
    Total = (mem(total, M1) - mem(total, M0)) / N,
    Sample = hd(Pids),
    {memory, SampleBytes} = process_info(Sample, memory),
    emit(idle_memory, null, null, null, round(Total),
         [{n, N}, {measures, <<"bytes per idle gen_server (not a game): "
                               "delta erlang:memory(total) / n">>},
          {bytes_per_process, round(Total)},
          {processes_bytes_per_process, round((mem(processes, M1) - mem(processes, M0)) / N)},
          {rss_bytes_per_process, round((Rss1 - Rss0) / N)},
          {process_info_memory_sample, SampleBytes},
          {server, <<"gen_server:start(islands_bench_echo) - unlinked, state = an atom, "
                     "default heap, not hibernated">>},
          {start_per_sec, round(N / Secs)}]).

start_echo(0, Last) -> Last;
start_echo(K, _) ->
    {ok, P} = gen_server:start(islands_bench_echo, [], []),
    start_echo(K - 1, P).

%%% Scenario: ets

ets_bench(O) ->
    Keys = opt(keys, O, 100000, 100000),
    Dur = opt(duration_ms, O, 1000, 200),
    ValueBytes = 1024,
    Filler = rand:bytes(ValueBytes - 8),
    %% One distinct 1 KB (off-heap, reference-counted) binary per key. ETS stores a
    %% reference to it, as a Java map would store a reference to a byte[].
    Values = list_to_tuple([<<K:64, Filler/binary>> || K <- lists:seq(1, Keys)]),
    persistent_term:put({?MODULE, values}, Values),
    Options = [public, {read_concurrency, true}, {write_concurrency, true}],
    lists:foreach(
      fun(Type) ->
              T = ets:new(bench, [Type | Options]),
              ets:insert(T, [{K, element(K, Values)} || K <- lists:seq(1, Keys)]),
              [ets_run(T, Type, Op, Threads, Keys, Dur)
               || Op <- [insert, lookup], Threads <- [1, 2]],
              ets:delete(T)
      end, [set, ordered_set]),
    ok.

ets_run(T, Type, Op, Threads, Keys, Dur) ->
    Work = fun(Seed) ->
                   fun() ->
                           Vals = persistent_term:get({?MODULE, values}),
                           ets_loop(Op, T, Vals, Keys, Seed, now_ns() + ms_ns(Dur div 5), 0),
                           T0 = now_ns(),
                           N = ets_loop(Op, T, Vals, Keys, Seed, T0 + ms_ns(Dur), 0),
                           {N, now_ns() - T0}
                   end
           end,
    Results = parallel([Work(S * 7919) || S <- lists:seq(1, Threads)]),
    Rate = lists:sum([N / ns_s(E) || {N, E} <- Results]),
    emit(ets, Rate, null, null, null,
         [{op, Op}, {type, Type}, {threads, Threads}, {keys, Keys}, {value_bytes, 1024},
          {table_options, <<"public, {read_concurrency,true}, {write_concurrency,true}">>},
          {access, <<"uniform pseudo-random existing keys (LCG); insert overwrites an "
                     "existing key with {Key, Binary}">>},
          {duration_ms, Dur}]).

%% Batches of 256 ops between clock reads.
ets_loop(Op, T, Vals, Keys, Seed, Deadline, N) ->
    Seed1 = ets_batch(Op, T, Vals, Keys, Seed, 256),
    case now_ns() >= Deadline of
        true -> N + 256;
        false -> ets_loop(Op, T, Vals, Keys, Seed1, Deadline, N + 256)
    end.

ets_batch(_Op, _T, _Vals, _Keys, Seed, 0) -> Seed;
ets_batch(insert, T, Vals, Keys, Seed, I) ->
    S1 = lcg(Seed),
    K = (S1 bsr 8) rem Keys + 1,
    ets:insert(T, {K, element(K, Vals)}),
    ets_batch(insert, T, Vals, Keys, S1, I - 1);
ets_batch(lookup, T, Vals, Keys, Seed, I) ->
    S1 = lcg(Seed),
    K = (S1 bsr 8) rem Keys + 1,
    [_] = ets:lookup(T, K),
    ets_batch(lookup, T, Vals, Keys, S1, I - 1).

lcg(S) -> (S * 1103515245 + 12345) band 16#7FFFFFFF.

%%% Game drivers (moves, recovery, durable)
%%
%% The workload is the one in ../workload.properties (workload/1), which the Islands side
%% reads too. A driver process owns the games i with i mod drivers = its number, sets
%% each up untimed (start_game, add_player, 5 + 5 position_island with the book's demo
%% placement, set_islands x2), then plays: each move it picks one of its games and one of
%% the demo board's 82 water cells uniformly at random (rand exsss, seeded by seed and
%% driver), and the player whose turn it is guesses it: a legal miss that changes the
%% state; no game ends. Calls are synchronous and addressed by name, i.e.
%% {via, islands_registry, Name}, as the book's channel does. It plays untimed for the
%% warm-up, then for the window, where each call is timed (one clock read before and
%% after) and counted as a move.

-record(drv, {hist, ctr, rand, model = none, deadline, kill = none, moves = 0,
              first, step, owned, turns, water}).

game_name(I) -> <<"game-", (integer_to_binary(I))/binary>>.

%% The shared workload: a map of the keys of the properties file (quick.* keys replace
%% their plain key in quick mode), values as binaries.
workload(O) ->
    File = binary_to_list(opt(workload, O, <<"../workload.properties">>, <<"../workload.properties">>)),
    {ok, Bin} = file:read_file(File),
    Props = maps:from_list(
              [{string:trim(K), string:trim(V)}
               || Line <- binary:split(Bin, <<"\n">>, [global]),
                  [K, V] <- [binary:split(Line, <<"=">>)],
                  binary:first(<<(string:trim(Line))/binary, "#">>) =/= $#]),
    Quick = maps:from_list([{K, V} || {<<"quick.", K/binary>>, V} <- maps:to_list(Props)]),
    W = case quick(O) of
            true -> maps:merge(Props, Quick);
            false -> Props
        end,
    <<"demo">> = maps:get(<<"placement">>, W),
    <<"random_water">> = maps:get(<<"mix">>, W),
    W.

wl_int(Key, W) -> binary_to_integer(maps:get(Key, W)).

wl_ints(Key, W) -> [binary_to_integer(string:trim(X))
                    || X <- binary:split(maps:get(Key, W), <<",">>, [global])].

%% Untimed warm-up before a window: window / 3, at most warmup_max_ms.
warmup_ms(Dur, W) -> min(wl_int(<<"warmup_max_ms">>, W), Dur div 3).

workload_params(W, Warm) ->
    [{mix, maps:get(<<"mix">>, W)}, {placement, maps:get(<<"placement">>, W)},
     {warm_up_ms, Warm}].

demo() -> [{atoll, 1, 1}, {dot, 1, 5}, {l_shape, 1, 7}, {s_shape, 5, 1}, {square, 5, 5}].

%% The demo board's water cells, as a tuple of {Row, Col}.
water() ->
    Land = lists:append([cells(T, R, C) || {T, R, C} <- demo()]),
    list_to_tuple([{R, C} || R <- lists:seq(1, 10), C <- lists:seq(1, 10),
                             not lists:member({R, C}, Land)]).

%% Untimed first setup of one game.
new_game(Idx, #drv{} = D) ->
    Name = game_name(Idx),
    {ok, _} = islands_game_sup:start_game(Name),
    D1 = model_reset(D, Name),
    D2 = setup_game(Name, D1#drv{hist = none}),
    D2#drv{hist = D#drv.hist}.

%% The 13 setup calls; assumes a fresh game process.
setup_game(Name, D) ->
    Game = islands_game:via_tuple(Name),
    D1 = timed_call(D, Name, ?C_ADD, {add_player, <<"p2-", Name/binary>>},
                    fun() -> islands_game:add_player(Game, <<"p2-", Name/binary>>) end),
    D2 = lists:foldl(
           fun({P, {T, R, C}}, Acc) ->
                   timed_call(Acc, Name, ?C_POS, {position_island, P, T, R, C},
                              fun() -> islands_game:position_island(Game, P, T, R, C) end)
           end, D1, [{P, X} || P <- [player1, player2], X <- demo()]),
    D3 = timed_call(D2, Name, ?C_SET, {set_islands, player1},
                    fun() -> islands_game:set_islands(Game, player1) end),
    timed_call(D3, Name, ?C_SET, {set_islands, player2},
               fun() -> islands_game:set_islands(Game, player2) end).

%% One guess of a random water cell in a random owned game, by the player whose turn it is.
play_move(#drv{rand = R0, owned = Owned, water = Water, turns = Turns} = D) ->
    {K, R1} = rand:uniform_s(Owned, R0),
    {W, R2} = rand:uniform_s(tuple_size(Water), R1),
    {Row, Col} = element(W, Water),
    Name = game_name(D#drv.first + (K - 1) * D#drv.step),
    Turn = case atomics:get(Turns, K) of
               0 -> player1;
               1 -> player2
           end,
    Game = islands_game:via_tuple(Name),
    T0 = now_ns(),
    Reply = islands_game:guess_coordinate(Game, Turn, Row, Col),
    T1 = now_ns(),
    hist_add(D#drv.hist, T1 - T0),
    counters:add(D#drv.ctr, ?C_GUESS, 1),
    atomics:put(Turns, K, 1 - atomics:get(Turns, K)),
    case Reply of
        {miss, none, no_win} -> ok;
        _ -> counters:add(D#drv.ctr, ?C_ERR, 1)
    end,
    model_check(D#drv{rand = R2, moves = D#drv.moves + 1}, Name,
                {guess_coordinate, Turn, Row, Col}, Reply).

timed_call(D, Name, Counter, Request, Fun) ->
    T0 = now_ns(),
    Reply = Fun(),
    T1 = now_ns(),
    hist_add(D#drv.hist, T1 - T0),
    counters:add(D#drv.ctr, Counter, 1),
    D1 = D#drv{moves = D#drv.moves + 1},
    case Reply of
        ok -> ok;
        {ok, _} -> ok;
        _ -> counters:add(D#drv.ctr, ?C_ERR, 1)
    end,
    model_check(D1, Name, Request, Reply).

%% Recovery only: the driver keeps the expected state of each of its games, advanced
%% with the engine's pure islands_game:handle_request/2 on every acknowledged call.
model_reset(#drv{model = none} = D, _Name) -> D;
model_reset(#drv{model = M} = D, Name) -> D#drv{model = M#{Name => islands_game:fresh_state(Name)}}.

model_check(#drv{model = none} = D, _Name, _Req, _Reply) -> D;
model_check(#drv{model = M} = D, Name, Req, Reply) ->
    case islands_game:handle_request(Req, maps:get(Name, M)) of
        {ok, Reply, S1} -> D#drv{model = M#{Name := S1}};
        {error, Reply} -> D;
        _ -> counters:add(D#drv.ctr, ?C_ERR, 1), D
    end.

%% Starts and sets up the driver's games, reports ready, waits for go, plays untimed for
%% Warm ms, then until the window's deadline. Returns {MovesInWindow, ElapsedNs, Drv}.
driver(Idxs, D0, Parent, Warm, Dur) ->
    D1 = lists:foldl(fun new_game/2, D0, Idxs),
    Parent ! {ready, self()},
    receive go -> ok end,
    D2 = drive(D1#drv{deadline = now_ns() + ms_ns(Warm), hist = none, kill = none}, 0),
    T0 = now_ns(),
    D3 = drive(D2#drv{deadline = T0 + ms_ns(Dur), moves = 0, hist = D1#drv.hist,
                      kill = D1#drv.kill}, 0),
    {D3#drv.moves, now_ns() - T0, D3}.

drive(D, I) ->
    D1 = maybe_kill(play_move(D)),
    %% Check the clock every 16 moves (calls themselves are timed anyway).
    case I band 15 =:= 0 andalso now_ns() >= D1#drv.deadline of
        true -> D1;
        false -> drive(D1, I + 1)
    end.

moves_count(Ctr) ->
    lists:sum([counters:get(Ctr, I) || I <- [?C_ADD, ?C_POS, ?C_SET, ?C_GUESS]]).

%% Runs a driver set over games 1..N; returns the summary.
run_drivers(N, NDrivers, Warm, Dur, Seed, Model, KillCfg) ->
    Parent = self(),
    H = hist_new(),
    Ctr = counters:new(?C_NCOUNT, [write_concurrency]),
    Water = water(),
    T0 = now_ns(),
    Refs = [begin
                Idxs = lists:seq(I, N, NDrivers),
                D = #drv{hist = H, ctr = Ctr, rand = rand:seed_s(exsss, {Seed, I, 1}),
                         model = case Model of true -> #{}; false -> none end,
                         kill = KillCfg, first = I, step = NDrivers, owned = length(Idxs),
                         turns = atomics:new(length(Idxs), []), water = Water},
                spawn_monitor(fun() -> exit({done, driver(Idxs, D, Parent, Warm, Dur)}) end)
            end || I <- lists:seq(1, min(N, NDrivers))],
    [receive {ready, Pid} -> ok;
             {'DOWN', Ref, _, _, Why} -> error({driver_failed, Why})
     end || {Pid, Ref} <- Refs],
    SetupS = ns_s(now_ns() - T0),
    SetupCounts = moves_count(Ctr),
    cpu_mark(),
    [P ! go || {P, _} <- Refs],
    Results = [receive {'DOWN', Ref, process, P, {done, R}} -> R;
                       {'DOWN', Ref, process, P, Other} -> error({driver_failed, Other})
               end || {P, Ref} <- Refs],
    Moves = lists:sum([M || {M, _, _} <- Results]),
    Rate = lists:sum([M / ns_s(E) || {M, E, _} <- Results]),
    #{rate => Rate, moves => Moves, hist => H, ctr => Ctr, setup_s => SetupS,
      setup_moves => SetupCounts, drivers => [Dr || {_, _, Dr} <- Results]}.

%%% Scenario: moves

moves(O) ->
    W = workload(O),
    Sizes = case maps:find(n, O) of
                {ok, N} -> [N];
                error -> wl_ints(<<"moves.games">>, W)
            end,
    NDrivers = opt(drivers, O, wl_int(<<"drivers">>, W), wl_int(<<"drivers">>, W)),
    Dur = opt(duration_ms, O, wl_int(<<"moves.window_ms">>, W), wl_int(<<"moves.window_ms">>, W)),
    Warm = opt(warmup_ms, O, warmup_ms(Dur, W), warmup_ms(Dur, W)),
    Seed = opt(seed, O, 42, 42),
    [begin
         start_app([]),
         progress("moves: n=~b, setting up", [N]),
         R = run_drivers(N, NDrivers, Warm, Dur, Seed, false, none),
         emit_moves(moves, R, N, NDrivers, Dur, Seed,
                    [{store, <<"ets game_state (public set, write_concurrency)">>}
                     | workload_params(W, Warm)])
     end || N <- Sizes],
    ok.

emit_moves(Scenario, #{rate := Rate, hist := H, ctr := Ctr, setup_s := SetupS,
                       moves := Moves, setup_moves := SetupMoves}, N, NDrivers, Dur, Seed,
           Extra) ->
    Errors = counters:get(Ctr, ?C_ERR),
    Errors =:= 0 orelse progress("~p: ~b unexpected replies!", [Scenario, Errors]),
    emit(Scenario, Rate, hist_us(H, 0.50), hist_us(H, 0.99), null,
         [{n, N}, {drivers, NDrivers}, {duration_ms, Dur}, {seed, Seed},
          {moves, Moves},
          {move_mix, {obj, [{add_player, counters:get(Ctr, ?C_ADD)},
                            {position_island, counters:get(Ctr, ?C_POS)},
                            {set_islands, counters:get(Ctr, ?C_SET)},
                            {guess_coordinate, counters:get(Ctr, ?C_GUESS)},
                            {note, <<"counts include the untimed setup and warm-up">>}]}},
          {untimed_setup_moves, SetupMoves},
          {unexpected_replies, Errors},
          {setup_s, round3(SetupS)},
          {addressing, <<"{via, islands_registry, Name} on every call">>} | Extra ++ dist(H)]).

%%% Scenario: recovery

recovery(O) ->
    Modes = case maps:find(log, O) of
                {ok, L} -> [L];
                error -> [true, false]
            end,
    [recovery(O, Log) || Log <- Modes],
    ok.

recovery(O, Log) ->
    W = workload(O),
    N = opt(n, O, wl_int(<<"recovery.games">>, W), wl_int(<<"recovery.games">>, W)),
    K = opt(kills, O, wl_int(<<"recovery.kills">>, W), wl_int(<<"recovery.kills">>, W)),
    NDrivers = opt(drivers, O, wl_int(<<"drivers">>, W), wl_int(<<"drivers">>, W)),
    Dur = opt(duration_ms, O, wl_int(<<"recovery.window_ms">>, W), wl_int(<<"recovery.window_ms">>, W)),
    Seed = opt(seed, O, 42, 42),
    %% Killing games on purpose: lift the restart intensity (Elixir default 3 in 5 s)
    %% so the game supervisor does not give up; the Java side must do the same.
    Intensity = 10 * K + 100,
    start_app([{restart_intensity, Intensity}, {restart_period, 1}]),
    %% log=true: the supervisor reports every restart (OTP's default behaviour; the
    %% report is formatted in the supervisor and written to tmp/bench.log).
    %% log=false: logger level raised so restart reports are dropped.
    ok = logger:set_primary_config(level, case Log of true -> notice; false -> critical end),
    RecH = hist_new(),
    RegH = hist_new(),
    RecCtr = counters:new(2, [write_concurrency]),  % 1 = kills, 2 = lost
    PerDriver = K div NDrivers,
    KillCfg = #{hist => RecH, reg_hist => RegH, ctr => RecCtr, left => PerDriver,
                interval_ns => ms_ns(Dur) div max(PerDriver, 1), next => undefined},
    progress("recovery: n=~b kills=~b log=~p, setting up", [N, K, Log]),
    R = run_drivers(N, NDrivers, 0, Dur, Seed, true, KillCfg),
    ok = logger:set_primary_config(level, notice),
    Kills = counters:get(RecCtr, 1),
    Lost = counters:get(RecCtr, 2),
    #{ctr := Ctr, moves := Moves} = R,
    emit(recovery, null, hist_us(RecH, 0.50), hist_us(RecH, 0.99), null,
         [{n, N}, {kills, Kills}, {states_lost, Lost},
          {mismatched_replies, counters:get(Ctr, ?C_ERR)},
          {restart_reports_logged, Log},
          {drivers, NDrivers}, {duration_ms, Dur},
          {moves_per_sec_under_kills, round(maps:get(rate, R))}, {moves, Moves},
          {move_p50_us, hist_us(maps:get(hist, R), 0.50)},
          {move_p99_us, hist_us(maps:get(hist, R), 0.99)},
          {kill_to_registered_p50_us, hist_us(RegH, 0.50)},
          {kill_to_registered_p99_us, hist_us(RegH, 0.99)} | dist(RecH)] ++ [
          {restart_intensity, Intensity}, {restart_period_s, 1},
          {measures, <<"exit(Pid, kill) -> the supervisor restarts the game -> the new "
                       "process registers (the killer, blocked in receive, is notified via "
                       "islands_registry:watch/1) -> get_state call to the new pid answers "
                       "(after the restore in handle_continue). Restored state compared with "
                       "the driver's model of the last acknowledged state">>}]),
    Lost =:= 0 orelse error({states_lost, Lost}),
    ok.

%% Called by a driver after every move; kills one of its own games between calls when
%% its next kill is due. Since the driver is the game's only client and has no call in
%% flight, its model is exactly the last acknowledged state.
maybe_kill(#drv{kill = none} = D) -> D;
maybe_kill(#drv{kill = #{left := 0}} = D) -> D;
maybe_kill(#drv{kill = #{next := undefined, interval_ns := I} = KC} = D) ->
    D#drv{kill = KC#{next := now_ns() + I div 2}};
maybe_kill(#drv{kill = #{next := Next} = KC, model = Model} = D) ->
    case now_ns() >= Next of
        false -> D;
        true ->
            #{hist := H, reg_hist := RegH, ctr := C, left := Left, interval_ns := I} = KC,
            Names = maps:keys(Model),
            Name = lists:nth(rand:uniform(length(Names)), Names),
            Expected = maps:get(Name, Model),
            Pid = islands_registry:lookup(Name),
            islands_registry:watch(Name),
            T0 = now_ns(),
            exit(Pid, kill),
            NewPid = receive {islands_registry, registered, Name, P} -> P
                     after 5000 -> error({no_restart, Name})
                     end,
            T1 = now_ns(),
            State = islands_game:get_state(NewPid),
            T2 = now_ns(),
            hist_add(H, T2 - T0),
            hist_add(RegH, T1 - T0),
            counters:add(C, 1, 1),
            State =:= Expected orelse counters:add(C, 2, 1),
            D#drv{kill = KC#{left := Left - 1, next := Next + I}}
    end.

%%% Scenario: density

density(O) ->
    N = opt(n, O, 1000000, 20000),
    start_app([]),
    progress("density: starting ~b games", [N]),
    erlang:garbage_collect(),
    M0 = erlang:memory(),
    Rss0 = rss(),
    Secs = start_games(N),
    erlang:garbage_collect(),
    erlang:garbage_collect(whereis(islands_game_sup)),
    timer:sleep(200),
    M1 = erlang:memory(),
    Rss1 = rss(),
    Word = erlang:system_info(wordsize),
    PerGame = fun(Bytes) -> round(Bytes / N) end,
    Sample = islands_registry:whereis_name(game_name(1)),
    {memory, SampleBytes} = process_info(Sample, memory),
    {memory, SupBytes} = process_info(whereis(islands_game_sup), memory),
    {memory, RegBytes} = process_info(whereis(islands_registry), memory),
    Total = mem(total, M1) - mem(total, M0),
    emit(density, null, null, null, PerGame(Total),
         [{n, N},
          {counted, <<"delta erlang:memory(total) / n after all games started and saved: "
                      "game processes, supervisor child bookkeeping, registry entries, "
                      "game_state ETS entries">>},
          {processes_bytes_per_game, PerGame(mem(processes, M1) - mem(processes, M0))},
          {ets_bytes_per_game, PerGame(mem(ets, M1) - mem(ets, M0))},
          {game_state_ets_bytes_per_game, PerGame(ets:info(game_state, memory) * Word)},
          {registry_ets_bytes_per_game,
           PerGame((ets:info(islands_registry, memory)
                    + ets:info(islands_registry_pids, memory)) * Word)},
          {game_process_bytes_sample, SampleBytes},
          {supervisor_bytes_per_game, PerGame(SupBytes)},
          {registry_process_bytes_per_game, PerGame(RegBytes)},
          {rss_bytes_per_game, PerGame(Rss1 - Rss0)},
          {start_games_per_sec, round(N / Secs)},
          {state, <<"fresh (book initial state), saved in game_state">>}]).

%% Start N games from 2 processes (the supervisor serialises the starts anyway) and
%% wait until every one has saved its state. Returns seconds taken.
start_games(N) ->
    T0 = now_ns(),
    parallel([fun() -> [{ok, _} = islands_game_sup:start_game(game_name(I))
                        || I <- lists:seq(From, N, 2)], ok end || From <- [1, 2]]),
    wait_until(fun() -> ets:info(game_state, size) >= N end),
    ns_s(now_ns() - T0).

wait_until(F) ->
    case F() of
        true -> ok;
        false -> timer:sleep(5), wait_until(F)
    end.

%%% Scenario: durable

durable(O) ->
    W = workload(O),
    Sizes = case maps:find(games, O) of
                {ok, G} -> [G];
                error -> wl_ints(<<"durable.games">>, W)
            end,
    Dur = opt(duration_ms, O, wl_int(<<"durable.window_ms">>, W), wl_int(<<"durable.window_ms">>, W)),
    Warm = opt(warmup_ms, O, warmup_ms(Dur, W), warmup_ms(Dur, W)),
    Seed = opt(seed, O, 42, 42),
    Dir = binary_to_list(opt(dir, O, <<"tmp">>, <<"tmp">>)),
    File = filename:absname(filename:join(Dir, "game_state.dets")),
    ok = filelib:ensure_dir(File),
    [begin
         _ = application:stop(islands),
         _ = file:delete(File),
         start_app([{store, {dets, File}}]),
         progress("durable: ~b concurrently active games", [G]),
         R = run_drivers(G, G, Warm, Dur, Seed, false, none),
         emit_moves(durable, R, G, G, Dur, Seed,
                    [{active_games, G},
                     {store, <<"dets set, dets:insert/2 + dets:sync/1 before every reply">>},
                     {file, list_to_binary(File)}, {fs, fs_type(File)}
                     | workload_params(W, Warm)])
     end || G <- Sizes],
    _ = application:stop(islands),
    _ = file:delete(File),
    ok.

fs_type(File) ->
    Out = os:cmd("df -T " ++ filename:dirname(File) ++ " | tail -1 | awk '{print $2}'"),
    list_to_binary(string:trim(Out)).

%%% Scenario: supervisor_stop

supervisor_stop(O) ->
    N = opt(n, O, 100000, 10000),
    start_app([]),
    progress("supervisor_stop: starting ~b games", [N]),
    StartS = start_games(N),
    N = length(supervisor:which_children(islands_game_sup)),
    cpu_mark(),
    T0 = now_ns(),
    ok = supervisor:terminate_child(islands_sup, islands_game_sup),
    T1 = now_ns(),
    wait_until(fun() -> islands_registry:count() =:= 0 end),
    T2 = now_ns(),
    Secs = ns_s(T1 - T0),
    emit(supervisor_stop, N / Secs, null, null, null,
         [{n, N}, {seconds, round6(Secs)},
          {registry_clean_seconds, round6(ns_s(T2 - T0))},
          {measures, <<"supervisor:terminate_child(islands_sup, islands_game_sup) with n "
                       "live games (shutdown 5000, games do not trap exits); "
                       "ops_per_sec = games stopped per second">>},
          {saved_states_kept, ets:info(game_state, size)},
          {start_s, round3(StartS)}]).

%%% Application

start_app(Env) ->
    _ = application:stop(islands),
    case application:load(islands) of
        ok -> ok;
        {error, {already_loaded, islands}} -> ok
    end,
    Defaults = [{store, ets}, {restart_intensity, 3}, {restart_period, 5}],
    [application:set_env(islands, K, proplists:get_value(K, Env, V)) || {K, V} <- Defaults],
    {ok, _} = application:ensure_all_started(islands),
    ok.

%%% Helpers

%% Runs the funs in parallel processes; returns their results in order.
parallel(Funs) ->
    Refs = [spawn_monitor(fun() -> exit({ok, F()}) end) || F <- Funs],
    [receive {'DOWN', Ref, process, Pid, {ok, R}} -> R;
             {'DOWN', Ref, process, Pid, Other} -> error({worker_failed, Other})
     end || {Pid, Ref} <- Refs].

split(N, K) -> [N div K + (case I =< N rem K of true -> 1; false -> 0 end) || I <- lists:seq(1, K)].

now_ns() -> erlang:monotonic_time(nanosecond).
ms_ns(Ms) -> Ms * 1000000.
ns_s(Ns) -> Ns / 1.0e9.

mem(K, M) -> proplists:get_value(K, M).

rss() ->
    {ok, Bin} = file:read_file("/proc/self/statm"),
    [_, Rss | _] = binary:split(Bin, <<" ">>, [global]),
    binary_to_integer(Rss) * 4096.

progress(Fmt, Args) -> io:format(standard_error, "[otp] " ++ Fmt ++ "~n", Args).

%% Latency histogram: log-linear buckets over nanoseconds, exact below 128 ns, then 64
%% sub-buckets per power of two (< 1.6 % error). Lock-free counters shared by workers.
hist_new() -> counters:new(?HSIZE, [write_concurrency]).

hist_add(none, _) -> ok;
hist_add(H, Ns) -> counters:add(H, min(bucket(Ns), ?HSIZE - 1) + 1, 1).

bucket(V) when V < 128 -> max(V, 0);
bucket(V) ->
    E = msb(V) - 6,
    128 + (E - 1) * 64 + ((V bsr E) - 64).

msb(V) when V >= 1 bsl 32 -> 32 + msb(V bsr 32);
msb(V) when V >= 1 bsl 16 -> 16 + msb(V bsr 16);
msb(V) when V >= 1 bsl 8 -> 8 + msb(V bsr 8);
msb(V) when V >= 1 bsl 4 -> 4 + msb(V bsr 4);
msb(V) when V >= 1 bsl 2 -> 2 + msb(V bsr 2);
msb(V) when V >= 2 -> 1;
msb(_) -> 0.

bucket_value(B) when B < 128 -> B;
bucket_value(B) ->
    E = (B - 128) div 64 + 1,
    M = (B - 128) rem 64 + 64,
    (M bsl E) + (1 bsl (E - 1)).

%% Extra percentiles for params.
dist(H) ->
    [{p10_us, hist_us(H, 0.10)}, {p75_us, hist_us(H, 0.75)}, {p90_us, hist_us(H, 0.90)},
     {p95_us, hist_us(H, 0.95)}, {p995_us, hist_us(H, 0.995)}, {p999_us, hist_us(H, 0.999)},
     {max_us, hist_us(H, 1.0)}].

hist_us(H, P) ->
    Counts = [counters:get(H, I) || I <- lists:seq(1, ?HSIZE)],
    case lists:sum(Counts) of
        0 -> null;
        Total ->
            Target = max(1, ceil(P * Total)),
            round3(percentile(Counts, 0, 0, Target) / 1000)
    end.

percentile([C | Cs], B, Acc, Target) ->
    case Acc + C >= Target of
        true -> bucket_value(B);
        false -> percentile(Cs, B + 1, Acc + C, Target)
    end.

round3(X) -> round(X * 1000) / 1000.
round6(X) -> round(X * 1000000) / 1000000.

%%% JSON output

emit(Scenario, Ops, P50, P99, Bytes, Params) ->
    Common = [{otp, list_to_binary(otp_version())},
              {schedulers, erlang:system_info(schedulers_online)},
              {other_cpu_pct, other_cpu_pct()}],
    Obj = {obj, [{scenario, Scenario}, {system, otp},
                 {ops_per_sec, case Ops of null -> null; _ -> round3(Ops) end},
                 {p50_us, P50}, {p99_us, P99}, {bytes_per_game, Bytes},
                 {params, {obj, Params ++ Common}}]},
    io:format("~s~n", [json(Obj)]).

%% Share of the machine's CPU time used by anything but this VM since the previous
%% mark (scenario start or previous JSON line): other load on the machine skews the
%% figures, so every line says how much there was.
cpu_mark() -> put(cpu_mark, cpu_sample()).

cpu_sample() ->
    {ok, Stat} = file:read_file("/proc/stat"),
    [CpuLine | _] = binary:split(Stat, <<"\n">>),
    [<<"cpu">> | Fields] = binary:split(CpuLine, <<" ">>, [global, trim_all]),
    Ticks = [binary_to_integer(F) || F <- lists:sublist(Fields, 8)],
    Idle = lists:nth(4, Ticks) + lists:nth(5, Ticks),
    {ok, Self} = file:read_file("/proc/self/stat"),
    [_, AfterComm] = string:split(Self, <<") ">>, trailing),
    SelfFields = binary:split(AfterComm, <<" ">>, [global]),
    %% utime and stime are fields 14 and 15 of the line, 12 and 13 after the comm.
    Own = binary_to_integer(lists:nth(12, SelfFields)) + binary_to_integer(lists:nth(13, SelfFields)),
    {lists:sum(Ticks), Idle, Own}.

%% Lines emitted back to back (less than 20 ticks, 0.1 s of one CPU, apart) repeat the
%% share of the first: a share over a few ticks is noise (0 or 100).
other_cpu_pct() ->
    {T0, I0, O0} = get(cpu_mark),
    {T1, I1, O1} = Now = cpu_sample(),
    case T1 - T0 of
        Total when Total < 20 ->
            case get(cpu_pct_last) of
                undefined -> null;
                Last -> Last
            end;
        Total ->
            put(cpu_mark, Now),
            Pct = round3(max(0, (Total - (I1 - I0)) - (O1 - O0)) * 100 / Total),
            put(cpu_pct_last, Pct),
            Pct
    end.

otp_version() ->
    File = filename:join([code:root_dir(), "releases", erlang:system_info(otp_release),
                          "OTP_VERSION"]),
    case file:read_file(File) of
        {ok, V} -> string:trim(binary_to_list(V));
        _ -> erlang:system_info(otp_release)
    end.

json(null) -> <<"null">>;
json(true) -> <<"true">>;
json(false) -> <<"false">>;
json(A) when is_atom(A) -> json(atom_to_binary(A));
json(I) when is_integer(I) -> integer_to_binary(I);
json(F) when is_float(F) -> float_to_binary(F, [short]);
json(B) when is_binary(B) -> [$", escape(B), $"];
json({obj, Pairs}) ->
    [${, lists:join($,, [[json(K), $:, json(V)] || {K, V} <- Pairs]), $}];
json(L) when is_list(L) -> [$[, lists:join($,, [json(X) || X <- L]), $]].

escape(B) ->
    [case C of
         $" -> <<"\\\"">>;
         $\\ -> <<"\\\\">>;
         $\n -> <<"\\n">>;
         _ when C < 32 -> io_lib:format("\\u~4.16.0b", [C]);
         _ -> C
     end || <<C>> <= B].
