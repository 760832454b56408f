-module(islands_bench_echo).
%% The trivial gen_server of the `call`, `spawn` and `idle_memory` scenarios:
%% replies to every call with the request itself.
-behaviour(gen_server).
-export([init/1, handle_call/3, handle_cast/2]).

init([]) -> {ok, nostate}.
handle_call(Request, _From, State) -> {reply, Request, State}.
handle_cast(_Msg, State) -> {noreply, State}.
